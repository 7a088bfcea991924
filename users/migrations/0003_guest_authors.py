from django.db import migrations

from blog.review import ensure_review_workflow, open_to_guest_authors
from users.roles import create_all_permissions, ensure_editors_group, ensure_guest_authors_group


def set_up_guest_authoring(apps, schema_editor):
    create_all_permissions(apps)
    ensure_editors_group(apps)
    ensure_guest_authors_group(apps)
    ensure_review_workflow(apps)
    for blog_index in apps.get_model("blog", "BlogIndexPage").objects.all():
        open_to_guest_authors(apps, blog_index)


class Migration(migrations.Migration):
    dependencies = [
        ("users", "0002_editors_group"),
        ("blog", "0008_articlepage_anonymity_requested"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [
        migrations.AlterModelOptions(
            name="user",
            options={
                "permissions": [("invite_guest_author", "Can invite guest authors")],
                "verbose_name": "user",
                "verbose_name_plural": "users",
            },
        ),
        migrations.RunPython(set_up_guest_authoring, migrations.RunPython.noop),
    ]
