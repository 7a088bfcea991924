# Blog's models now point at themes.Theme and authors.Author (same tables,
# state only), and blog takes over ArticleRelatedResource from resources with
# its table (resources 0002) and content type.

import django.db.models.deletion
import modelcluster.contrib.taggit
import modelcluster.fields
from django.db import migrations, models


def move_content_type(apps, schema_editor, old="resources", new="blog"):
    ContentType = apps.get_model("contenttypes", "ContentType")
    types = ContentType.objects.using(schema_editor.connection.alias)
    if not types.filter(app_label=new, model="articlerelatedresource").exists():
        types.filter(app_label=old, model="articlerelatedresource").update(app_label=new)


def move_content_type_back(apps, schema_editor):
    move_content_type(apps, schema_editor, old="blog", new="resources")


class Migration(migrations.Migration):
    dependencies = [
        ("authors", "0001_initial"),
        ("blog", "0009_theme_and_author_tables"),
        ("resources", "0002_article_related_resource_to_blog"),
        ("themes", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name="articlepageauthor",
                    name="author",
                    field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name="article_links", to="authors.author", verbose_name="author"),
                ),
                migrations.AlterField(
                    model_name="taggedarticle",
                    name="tag",
                    field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name="tagged_articles", to="themes.theme"),
                ),
                migrations.AlterField(
                    model_name="articlepage",
                    name="themes",
                    field=modelcluster.contrib.taggit.ClusterTaggableManager(blank=True, help_text="A comma-separated list of tags.", through="blog.TaggedArticle", to="themes.Theme", verbose_name="themes"),
                ),
                migrations.CreateModel(
                    name="ArticleRelatedResource",
                    fields=[
                        ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                        ("sort_order", models.IntegerField(blank=True, editable=False, null=True)),
                        ("page", modelcluster.fields.ParentalKey(on_delete=django.db.models.deletion.CASCADE, related_name="related_resources", to="blog.articlepage")),
                        ("resource", models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name="+", to="resources.resourcepage", verbose_name="download")),
                    ],
                    options={
                        "verbose_name": "related download",
                        "verbose_name_plural": "related downloads",
                        "ordering": ["sort_order"],
                        "abstract": False,
                        "constraints": [models.UniqueConstraint(fields=("page", "resource"), name="unique_resource_per_article")],
                    },
                ),
                migrations.RemoveField(model_name="author", name="photo"),
                migrations.RemoveField(model_name="author", name="user"),
                migrations.DeleteModel(name="Author"),
            ],
        ),
        migrations.RunPython(move_content_type, move_content_type_back),
    ]
