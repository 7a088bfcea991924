from django.db import migrations


def set_up_guest_authoring(apps, schema_editor):
    """The groups and the review workflow are set up after every migrate now
    (users.apps, blog.apps), from the code as it is then; this step stays so
    that databases that ran it keep a consistent history."""


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
