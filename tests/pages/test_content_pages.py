"""The about page and the privacy statement as readers and editors see them."""

import pytest
from django.core.exceptions import ValidationError
from django.test import override_settings
from wagtail.blocks import StreamValue
from wagtail.test.utils import WagtailPageTestCase

from blog.models import BlogIndexPage
from home.models import HomePage
from pages.models import ContentPage, PrivacyPage
from tests.pages.factories import ContentPageFactory, PrivacyPageFactory

DAY = 24 * 60 * 60


class PageTreeRulesTest(WagtailPageTestCase):
    def test_content_pages_only_under_home_and_without_children(self):
        for model in (ContentPage, PrivacyPage):
            self.assertCanCreateAt(HomePage, model)
            self.assertCanNotCreateAt(BlogIndexPage, model)
            self.assertAllowedSubpageTypes(model, set())

    def test_one_privacy_statement(self):
        assert PrivacyPage.max_count == 1


def main(response):
    html = response.content.decode()
    return html.split('<main id="main"', 1)[1].split("</main>", 1)[0]


@pytest.mark.django_db
class TestReading:
    def test_about_page_shows_title_introduction_and_body(self, client, home_page):
        page = ContentPageFactory(parent=home_page)
        html = main(client.get(page.url))
        assert "<h1>Over De Directeurskamer</h1>" in html
        assert "Wie hier schrijft, en waarom." in html
        assert "Een blog voor schoolleiders." in html

    @pytest.mark.parametrize(
        ("periods", "expected"),
        [
            (
                {},  # the defaults of site_config/settings/base.py
                [
                    "verwijderen we na 30 dagen",
                    "bevestigingsmail blijft 7 dagen geldig",
                    "verwijderen we na 365 dagen",
                    "mail blijft 7 dagen geldig",
                ],
            ),
            (
                {
                    "PRIVACY_UNCONFIRMED_SUBSCRIBER_DAYS": 1,
                    "NEWSLETTER_CONFIRMATION_MAX_AGE": 12 * 60 * 60,
                    "PRIVACY_DOWNLOAD_REQUEST_DAYS": 90,
                    "RESOURCE_DOWNLOAD_LINK_MAX_AGE": 2 * DAY,
                },
                [
                    "verwijderen we na 1 dag.",
                    "bevestigingsmail blijft 12 uur geldig",
                    "verwijderen we na 90 dagen",
                    "mail blijft 2 dagen geldig",
                ],
            ),
        ],
    )
    def test_privacy_statement_shows_the_retention_periods_of_the_settings(
        self, client, home_page, periods, expected
    ):
        page = PrivacyPageFactory(parent=home_page)
        with override_settings(**periods):
            html = main(client.get(page.url))
        assert "Hoe lang we je gegevens bewaren" in html
        for words in expected:
            assert words in html

    def test_a_deploy_with_other_periods_is_not_served_the_statement_from_before(
        self, client, home_page, settings
    ):
        """Cached pages hold the figures they were rendered with; a changed setting
        (which takes a deploy) finds none of them."""
        settings.PAGE_CACHE = True
        page = PrivacyPageFactory(parent=home_page)
        settings.PRIVACY_DOWNLOAD_REQUEST_DAYS = 365
        assert client.get(page.url)["X-Page-Cache"] == "miss"
        assert client.get(page.url)["X-Page-Cache"] == "hit"
        settings.PRIVACY_DOWNLOAD_REQUEST_DAYS = 90
        response = client.get(page.url)
        assert response["X-Page-Cache"] == "miss"
        assert "verwijderen we na 90 dagen" in main(response)

    def test_privacy_statement_gives_its_address_for_privacy_requests(self, client, home_page):
        page = PrivacyPageFactory(parent=home_page, contact_email="avg@school.example")
        html = main(client.get(page.url))
        assert "Je gegevens inzien of laten verwijderen" in html
        assert '<a href="mailto:avg@school.example">avg@school.example</a>' in html


@pytest.mark.django_db
class TestEditing:
    def test_the_editors_can_write_a_privacy_statement(self, client, home_page, redacteur):
        client.force_login(redacteur)
        response = client.get(f"/admin/pages/add/pages/privacypage/{home_page.pk}/")
        assert response.status_code == 200
        html = response.content.decode()
        assert "Bewaartermijnen" in html
        assert "Inzage of verwijdering" in html
        assert "adres voor privacyverzoeken" in html

    @pytest.mark.parametrize("left_out", ["retention_periods", "privacy_request"])
    def test_the_statement_needs_its_retention_periods_and_how_to_ask(self, left_out):
        body = PrivacyPage._meta.get_field("body").stream_block
        blocks = [("heading", "Wat we bewaren"), ("retention_periods", None)]
        blocks.append(("privacy_request", None))
        complete = StreamValue(body, blocks)
        body.clean(complete)
        incomplete = StreamValue(body, [b for b in blocks if b[0] != left_out])
        with pytest.raises(ValidationError):
            body.clean(incomplete)
        twice = StreamValue(body, [*blocks, (left_out, None)])
        with pytest.raises(ValidationError):
            body.clean(twice)

    def test_the_statement_needs_an_address_for_privacy_requests(self, home_page):
        page = PrivacyPageFactory.build(contact_email="")
        with pytest.raises(ValidationError) as refused:
            page.clean_fields(exclude=["path", "depth"])
        assert "contact_email" in refused.value.message_dict
