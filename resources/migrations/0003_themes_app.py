# Downloads are tagged with themes.Theme now: the same table (blog 0009), so
# only the migration state changes.

import django.db.models.deletion
import modelcluster.contrib.taggit
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("resources", "0002_article_related_resource_to_blog"),
        ("themes", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name="resourcepage",
                    name="themes",
                    field=modelcluster.contrib.taggit.ClusterTaggableManager(blank=True, help_text="A comma-separated list of tags.", through="resources.TaggedResource", to="themes.Theme", verbose_name="themes"),
                ),
                migrations.AlterField(
                    model_name="taggedresource",
                    name="tag",
                    field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name="tagged_resources", to="themes.theme"),
                ),
            ],
        ),
    ]
