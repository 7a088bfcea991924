import factory
import wagtail_factories
from wagtail.documents import get_document_model

from resources.models import ResourceIndexPage, ResourcePage
from tests.images.factories import root_collection
from tests.themes.factories import add_themes

# The smallest file that is recognisably a PDF (enough for the upload check).
PDF_BYTES = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


class DocumentFactory(wagtail_factories.DocumentFactory):
    title = factory.Sequence(lambda n: f"Document {n}")
    file = factory.django.FileField(filename="werkboek.pdf", data=PDF_BYTES)
    # As Wagtail's upload form records it.
    file_size = len(PDF_BYTES)
    collection = factory.LazyFunction(root_collection)

    class Meta:
        model = get_document_model()


class ResourceIndexPageFactory(wagtail_factories.PageFactory):
    title = "Downloads"
    slug = "downloads"
    intro = "<p>Gratis materiaal voor schoolleiders.</p>"

    class Meta:
        model = ResourceIndexPage


class ResourcePageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Download {n}")
    kind = "ebook"
    summary = "Praktische werkvormen voor morele reflectie in je team."
    description = "<p>Wat je in dit materiaal vindt.</p>"
    document = factory.SubFactory(DocumentFactory)
    access = "open"

    class Meta:
        model = ResourcePage
        skip_postgeneration_save = True

    themes = factory.PostGeneration(add_themes)
