# The Theme model, taken over from blog with its table (blog 0009) and content
# type, so that permissions, history and references stay with it.

import django.db.models.deletion
import wagtail.fields
from django.db import migrations, models


def move_content_type(apps, schema_editor, old="blog", new="themes"):
    ContentType = apps.get_model("contenttypes", "ContentType")
    types = ContentType.objects.using(schema_editor.connection.alias)
    if not types.filter(app_label=new, model="theme").exists():
        types.filter(app_label=old, model="theme").update(app_label=new)


def move_content_type_back(apps, schema_editor):
    move_content_type(apps, schema_editor, old="themes", new="blog")


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("blog", "0009_theme_and_author_tables"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("images", "0002_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="Theme",
                    fields=[
                        ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                        ("name", models.CharField(max_length=100, unique=True, verbose_name="name")),
                        ("slug", models.SlugField(allow_unicode=True, max_length=100, unique=True, verbose_name="slug")),
                        ("introduction", wagtail.fields.RichTextField(blank=True, help_text="Shown above the articles on the theme page.", verbose_name="introduction")),
                        ("meta_description", models.CharField(blank=True, help_text="Short description for search engines, at most 160 characters.", max_length=160, verbose_name="meta description")),
                        ("image", models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name="+", to="images.customimage", verbose_name="image")),
                    ],
                    options={
                        "verbose_name": "theme",
                        "verbose_name_plural": "themes",
                        "ordering": ["name"],
                    },
                ),
            ],
        ),
        migrations.RunPython(move_content_type, move_content_type_back),
    ]
