from django.db import migrations


def create_editors_group(apps, schema_editor):
    """The editors' group is made by 0003 since the permissions it holds
    include some that later migrations brought; this step stays so that
    databases that ran it keep a consistent history."""


class Migration(migrations.Migration):
    dependencies = [
        ("users", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtailadmin", "0006_formstate"),
        ("wagtailimages", "0027_image_description"),
        ("wagtaildocs", "0014_alter_document_file_size"),
        ("wagtailredirects", "0008_add_verbose_name_plural"),
        ("blog", "0007_articlepage_publish_anonymously"),
        ("resources", "0001_initial"),
        ("newsletter", "0001_initial"),
        ("contributions", "0001_initial"),
    ]

    operations = [migrations.RunPython(create_editors_group, migrations.RunPython.noop)]
