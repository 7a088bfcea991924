from django.contrib.auth.management import create_permissions
from django.db import migrations

from users.roles import ensure_editors_group


def create_editors_group(apps, schema_editor):
    # Permissions are made after all migrations ran; this one needs them now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    ensure_editors_group(apps)


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
