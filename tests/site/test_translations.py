from pathlib import Path

import polib
import pytest

LOCALE = Path(__file__).resolve().parents[2] / "locale" / "nl" / "LC_MESSAGES"


def test_dutch_catalogue_is_complete():
    po = polib.pofile(str(LOCALE / "django.po"))
    assert po.untranslated_entries() == []
    assert po.fuzzy_entries() == []
    assert len(po.translated_entries()) > 50


def test_compiled_catalogue_matches_the_source():
    po = {
        (e.msgid, e.msgstr, tuple(sorted(e.msgstr_plural.items())))
        for e in polib.pofile(str(LOCALE / "django.po"))
        if not e.obsolete
    }
    mo = {
        (e.msgid, e.msgstr, tuple(sorted(e.msgstr_plural.items())))
        for e in polib.mofile(str(LOCALE / "django.mo"))
    }
    assert po - mo == set(), "Run `make messages` to compile the catalogue."


@pytest.mark.django_db
def test_admin_speaks_dutch(admin_client):
    html = admin_client.get("/admin/").content.decode()
    assert 'lang="nl"' in html
    assert "Pagina's" in html


@pytest.mark.django_db
def test_editors_manage_themes_and_authors_as_snippets(admin_client):
    from tests.authors.factories import AuthorFactory
    from tests.themes.factories import ThemeFactory

    ThemeFactory(name="Passend onderwijs")
    AuthorFactory(name="Jeroen Bakker")
    themes = admin_client.get("/admin/snippets/themes/theme/")
    authors = admin_client.get("/admin/snippets/authors/author/")
    assert "Passend onderwijs" in themes.content.decode()
    assert "Jeroen Bakker" in authors.content.decode()
