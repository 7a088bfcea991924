import datetime

import pytest
from django.utils import timezone

from blog.models import ArticlePage
from tests.authors.factories import AuthorFactory
from tests.blog.factories import ArticlePageFactory, paragraph
from tests.images.factories import ImageFactory
from tests.themes.factories import ThemeFactory

pytestmark = pytest.mark.django_db


def words(n):
    return " ".join(["woord"] * n)


class TestReadingTime:
    @pytest.mark.parametrize(
        ("word_count", "minutes"), [(0, 1), (1, 1), (200, 1), (201, 2), (1000, 5), (1001, 6)]
    )
    def test_minutes_from_word_count(self, blog_index, word_count, minutes):
        article = ArticlePageFactory(parent=blog_index, body=[paragraph(words(word_count))])
        assert article.reading_time == minutes

    def test_counts_headings_quotes_and_callouts_but_not_markup_or_embeds(self, blog_index):
        body = [
            {"type": "heading", "value": words(100)},
            {"type": "paragraph", "value": f"<p><b>{words(100)}</b></p>"},
            {"type": "quote", "value": {"quote": words(100), "attribution": "Een leerkracht"}},
            {
                "type": "callout",
                "value": {"title": "Vragen", "text": f"<ul><li>{words(98)}</li></ul>"},
            },
            {"type": "embed", "value": "https://www.youtube.com/watch?v=" + "x" * 2000},
        ]
        article = ArticlePageFactory(parent=blog_index, body=body)
        # 100 + 100 + 100 + 2 (attribution) + 1 (title) + 98 = 401 words.
        assert article.reading_time == 3

    def test_is_updated_when_the_body_changes(self, blog_index):
        article = ArticlePageFactory(parent=blog_index, body=[paragraph(words(10))])
        article.body = [paragraph(words(650))]
        article.save_revision().publish()
        assert ArticlePage.objects.get(pk=article.pk).reading_time == 4

    def test_is_shown_in_dutch(self, client, blog_index):
        article = ArticlePageFactory(parent=blog_index, body=[paragraph(words(900))])
        response = client.get(article.url)
        assert "5 min lezen" in response.content.decode()


class TestArticleContent:
    def test_reader_sees_title_subtitle_date_hero_caption_and_body(self, client, blog_index):
        image = ImageFactory(description="Een schoolplein in de ochtend")
        article = ArticlePageFactory(
            parent=blog_index,
            title="De schorsing die ik niet wilde",
            subtitle="Over twijfel en verantwoordelijkheid.",
            publication_date=datetime.date(2025, 9, 24),
            hero_image=image,
            hero_caption="Het plein, vlak voor de bel.",
            body=[
                {"type": "heading", "value": "Wat er gebeurde"},
                paragraph("Het was een dinsdag."),
                {
                    "type": "quote",
                    "value": {"quote": "Ik wil naar huis.", "attribution": "Een leerling"},
                },
                {
                    "type": "callout",
                    "value": {"title": "Vragen voor jou", "text": "<p>Wat doe jij?</p>"},
                },
            ],
        )
        html = client.get(article.url).content.decode()
        assert '<h1 class="article__title">De schorsing die ik niet wilde</h1>' in html
        assert "Over twijfel en verantwoordelijkheid." in html
        assert '<time datetime="2025-09-24">24 september 2025</time>' in html
        assert 'alt="Een schoolplein in de ochtend"' in html
        assert "<figcaption>Het plein, vlak voor de bel.</figcaption>" in html
        assert '<h2 class="block-heading">Wat er gebeurde</h2>' in html
        assert "<blockquote><p>Ik wil naar huis.</p></blockquote>" in html
        assert "<figcaption>Een leerling</figcaption>" in html
        assert "Vragen voor jou" in html

    def test_hero_alt_text_can_be_overridden(self, client, blog_index):
        image = ImageFactory(description="Beschrijving van de afbeelding")
        article = ArticlePageFactory(
            parent=blog_index, hero_image=image, hero_alt_text="Lege gang in een school"
        )
        html = client.get(article.url).content.decode()
        assert 'alt="Lege gang in een school"' in html
        assert "Beschrijving van de afbeelding" not in html

    def test_anonymity_note_only_when_names_were_changed(self, client, blog_index):
        changed = ArticlePageFactory(parent=blog_index, names_changed=True)
        unchanged = ArticlePageFactory(parent=blog_index, names_changed=False)
        note = "Namen en details in dit verhaal zijn veranderd"
        assert note in client.get(changed.url).content.decode()
        assert note not in client.get(unchanged.url).content.decode()

    def test_byline_and_author_card_link_to_the_author_page(self, client, blog_index):
        first = AuthorFactory(name="Marieke van Dalen", slug="marieke", bio="Directeur.")
        second = AuthorFactory(name="Jeroen Bakker", slug="jeroen")
        article = ArticlePageFactory(parent=blog_index, authors=[first, second])
        html = client.get(article.url).content.decode()
        assert "door Marieke van Dalen en Jeroen Bakker" in html
        assert 'href="/blog/auteur/marieke/"' in html
        assert 'href="/blog/auteur/jeroen/"' in html
        assert "Directeur." in html

    def test_theme_links_on_the_article(self, client, blog_index):
        theme = ThemeFactory(name="Passend onderwijs", slug="passend-onderwijs")
        article = ArticlePageFactory(parent=blog_index, themes=[theme])
        html = client.get(article.url).content.decode()
        assert 'href="/blog/thema/passend-onderwijs/">Passend onderwijs</a>' in html


def test_navigation_marks_the_blog_as_the_current_section(client, blog_index):
    article = ArticlePageFactory(parent=blog_index)
    html = client.get(article.url).content.decode()
    assert '<a href="/blog/" aria-current="true">Blog</a>' in html
    assert '<a href="/blog/" aria-current="page">Blog</a>' in client.get("/blog/").content.decode()


def test_navigation_marks_themes_as_the_current_section_of_a_theme_page(client, blog_index):
    ThemeFactory(name="Passend onderwijs", slug="passend-onderwijs")
    html = client.get("/blog/thema/passend-onderwijs/").content.decode()
    assert '<a href="/blog/themas/" aria-current="true">Thema\'s</a>' in html
    assert '<a href="/blog/">Blog</a>' in html
    assert html.count("aria-current") == 1
    html = client.get("/blog/themas/").content.decode()
    assert '<a href="/blog/themas/" aria-current="page">Thema\'s</a>' in html
    assert html.count("aria-current") == 1


class TestPublicationDate:
    def test_defaults_to_the_first_publication(self, blog_index):
        article = ArticlePageFactory(parent=blog_index, publication_date=None, live=False)
        article.save_revision().publish()
        article.refresh_from_db()
        assert article.publication_date == timezone.localdate(article.first_published_at)

    def test_an_editor_set_date_is_kept(self, blog_index):
        article = ArticlePageFactory(
            parent=blog_index, publication_date=datetime.date(2024, 2, 29), live=False
        )
        article.save_revision().publish()
        article.refresh_from_db()
        assert article.publication_date == datetime.date(2024, 2, 29)


class TestOneSignUpForm:
    def test_an_article_offers_its_own_sign_up_and_not_the_footers_too(self, client, blog_index):
        article = ArticlePageFactory(parent=blog_index)
        html = client.get(article.url).content.decode()
        assert html.count('class="newsletter-form"') == 1
        assert 'id="newsletter-article-email"' in html

    def test_a_listing_keeps_the_footers(self, client, blog_index):
        ArticlePageFactory(parent=blog_index)
        html = client.get(blog_index.url).content.decode()
        assert html.count('class="newsletter-form"') == 1
        assert 'id="newsletter-footer-email"' in html
