import wagtail_factories

from home.models import HomePage


class HomePageFactory(wagtail_factories.PageFactory):
    title = "De Directeurskamer"
    intro = "<p>Een plek voor herkenning.</p>"
    newsletter_heading = "Nieuwe artikelen in je inbox"

    class Meta:
        model = HomePage
