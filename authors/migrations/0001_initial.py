# The Author model, taken over from blog with its table (blog 0009) and content
# type, so that permissions, history, references and search entries stay with it.

import django.db.models.deletion
import modelsearch.index
from django.conf import settings
from django.db import migrations, models


def move_content_type(apps, schema_editor, old="blog", new="authors"):
    ContentType = apps.get_model("contenttypes", "ContentType")
    types = ContentType.objects.using(schema_editor.connection.alias)
    if not types.filter(app_label=new, model="author").exists():
        types.filter(app_label=old, model="author").update(app_label=new)


def move_content_type_back(apps, schema_editor):
    move_content_type(apps, schema_editor, old="authors", new="blog")


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("blog", "0009_theme_and_author_tables"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("images", "0002_initial"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="Author",
                    fields=[
                        ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                        ("name", models.CharField(max_length=100, verbose_name="name")),
                        ("slug", models.SlugField(allow_unicode=True, help_text="Used in the address of the author page.", max_length=100, unique=True, verbose_name="slug")),
                        ("role", models.CharField(blank=True, help_text="For example: schoolleider, gastauteur.", max_length=100, verbose_name="role")),
                        ("bio", models.TextField(blank=True, max_length=600, verbose_name="short bio")),
                        ("photo", models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name="+", to="images.customimage", verbose_name="photo")),
                        ("user", models.OneToOneField(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name="author_profile", to=settings.AUTH_USER_MODEL, verbose_name="user account")),
                    ],
                    options={
                        "verbose_name": "author",
                        "verbose_name_plural": "authors",
                        "ordering": ["name"],
                    },
                    bases=(modelsearch.index.Indexed, models.Model),
                ),
            ],
        ),
        migrations.RunPython(move_content_type, move_content_type_back),
    ]
