# Nothing points at blog's Theme any more (resources 0003): it leaves blog's state.

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("blog", "0010_take_over_article_related_resource"),
        ("resources", "0003_themes_app"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.RemoveField(model_name="theme", name="image"),
                migrations.DeleteModel(name="Theme"),
            ],
        ),
    ]
