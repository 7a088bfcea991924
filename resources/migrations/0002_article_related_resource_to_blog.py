# The downloads recommended under an article are the article's: the model moves
# to blog (blog 0010), with its table renamed to blog's here.

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("resources", "0001_initial"),
        ("blog", "0009_theme_and_author_tables"),
    ]

    operations = [
        migrations.AlterModelTable(
            name="articlerelatedresource", table="blog_articlerelatedresource"
        ),
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name="ArticleRelatedResource")],
        ),
    ]
