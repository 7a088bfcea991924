import factory
import wagtail_factories

from pages.models import ContentPage, PrivacyPage


class ContentPageFactory(wagtail_factories.PageFactory):
    title = "Over De Directeurskamer"
    slug = "over"
    intro = "<p>Wie hier schrijft, en waarom.</p>"
    show_in_menus = True
    body = factory.LazyFunction(
        lambda: [{"type": "paragraph", "value": "<p>Een blog voor schoolleiders.</p>"}]
    )

    class Meta:
        model = ContentPage


class PrivacyPageFactory(wagtail_factories.PageFactory):
    title = "Privacyverklaring"
    slug = "privacy"
    intro = "<p>Wat we bewaren, waarom en hoe lang.</p>"
    contact_email = "privacy@directeurskamer.example"
    body = factory.LazyFunction(
        lambda: [
            {"type": "heading", "value": "Wat we bewaren"},
            {"type": "retention_periods", "value": None},
            {"type": "privacy_request", "value": None},
        ]
    )

    class Meta:
        model = PrivacyPage
