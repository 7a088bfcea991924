# Themes and authors move to apps of their own (themes, authors): first their
# tables take the new apps' names, then those apps take the models over
# (themes 0001, authors 0001) and blog lets go of them (0010, 0011).

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("blog", "0008_articlepage_anonymity_requested"),
    ]

    operations = [
        migrations.AlterModelTable(name="theme", table="themes_theme"),
        migrations.AlterModelTable(name="author", table="authors_author"),
    ]
