import html
import re

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import models, transaction
from django.shortcuts import redirect
from django.utils import translation
from django.utils.cache import add_never_cache_headers
from django.utils.functional import cached_property
from django.utils.html import strip_tags
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from taggit.models import ItemBase
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.documents.views.serve import serve
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page, PageManager
from wagtail.search import index

from core import conversions, rate_limit
from core.pages import IntroductionMixin, PublicInOneQuerySet, ViewRestrictionsInOneQuery
from core.pagination import page_or_404
from core.site_url import SiteUrlPageMixin, absolute_url
from newsletter.models import Subscriber
from newsletter.signup import request_subscription
from resources.blocks import QuestionnaireBlock
from resources.choices import Access, ResourceKind
from resources.filters import ResourceFilter
from resources.forms import DownloadRequestForm, ResourcePageForm
from resources.links import check_link, make_token
from resources.tasks import send_download_link
from themes.models import ThemedPageMixin

from .downloads import DownloadRequest

# Requests for gated files an hour per inbox: enough to retry a typo'd address,
# too few to flood an inbox with mail from us. Per visitor address: a whole
# team behind one school address may fetch a questionnaire for the same team
# session (a primary school has some 20 to 40 staff), while a visitor mailing
# strangers is stopped after 30 mails.
REQUEST_LIMITS = rate_limit.per_hour("download-request", per_mailbox=5, per_visitor=30)


ResourcePageManager = PageManager.from_queryset(PublicInOneQuerySet)


class TaggedResource(ItemBase):
    """A theme on a resource: the same themes as articles carry."""

    tag = models.ForeignKey(
        "themes.Theme", on_delete=models.CASCADE, related_name="tagged_resources"
    )
    content_object = ParentalKey(
        "resources.ResourcePage", on_delete=models.CASCADE, related_name="tagged_items"
    )


class ResourceIndexPage(IntroductionMixin, ViewRestrictionsInOneQuery, SiteUrlPageMixin, Page):
    """All downloads, filterable by kind and by theme."""

    parent_page_types = ["home.HomePage"]
    subpage_types = ["resources.ResourcePage"]
    max_count = 1
    template = "resources/resource_index_page.html"

    resources_per_page = 12

    class Meta:
        verbose_name = _("downloads page")
        verbose_name_plural = _("downloads pages")

    def resources(self):
        return ResourcePage.objects.child_of(self).live().public()

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        resource_filter = ResourceFilter(request.GET or None, queryset=self.resources())
        paginator = Paginator(
            resource_filter.qs.order_by("-first_published_at", "-pk"),
            self.resources_per_page,
        )
        context["filter"] = resource_filter
        context["resources"] = page_or_404(paginator, request.GET.get("page"))
        return context


class ResourcePage(
    ThemedPageMixin, ViewRestrictionsInOneQuery, SiteUrlPageMixin, RoutablePageMixin, Page
):
    """A free download: an e-book, a questionnaire, a team exercise..."""

    # What a card shows besides the page itself (includes/resource_card.html).
    card_prefetches = ("document", "cover_image__renditions")

    kind = models.CharField(
        _("kind"), max_length=20, choices=ResourceKind.choices, default=ResourceKind.EBOOK
    )
    summary = models.TextField(
        _("summary"),
        max_length=300,
        help_text=_("Two or three sentences, shown on cards and in search engines."),
    )
    cover_image = models.ForeignKey(
        settings.WAGTAILIMAGES_IMAGE_MODEL,
        verbose_name=_("cover image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    description = RichTextField(
        _("description"),
        blank=True,
        features=["h2", "h3", "bold", "italic", "link", "ol", "ul"],
    )
    document = models.ForeignKey(
        settings.WAGTAILDOCS_DOCUMENT_MODEL,
        verbose_name=_("file"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("PDF, Word, OpenDocument, Excel, PowerPoint or EPUB."),
    )
    access = models.CharField(
        _("access"), max_length=10, choices=Access.choices, default=Access.OPEN
    )
    themes = ClusterTaggableManager(
        verbose_name=_("themes"), through=TaggedResource, blank=True, related_name="resources"
    )
    questions = StreamField(
        QuestionnaireBlock(),
        verbose_name=_("questions"),
        blank=True,
        help_text=_("Only for a questionnaire: readers fill it in on the page itself."),
    )

    objects = ResourcePageManager()

    content_panels = [
        *Page.content_panels,
        FieldPanel("kind"),
        FieldPanel("summary"),
        FieldPanel("cover_image"),
        FieldPanel("description"),
        MultiFieldPanel(
            [FieldPanel("document"), FieldPanel("access")],
            heading=_("Download"),
        ),
        FieldPanel("themes"),
        FieldPanel("questions"),
    ]

    search_fields = [
        *Page.search_fields,
        index.SearchField("summary"),
        index.SearchField("description"),
        # "vragenlijst" finds the questionnaires, also one titled "Reflectievragenlijst".
        index.SearchField("kind_label"),
        index.FilterField("kind"),
    ]

    base_form_class = ResourcePageForm
    parent_page_types = ["resources.ResourceIndexPage"]
    subpage_types = []
    template = "resources/resource_page.html"

    class Meta:
        verbose_name = _("download")
        verbose_name_plural = _("downloads")

    def clean(self):
        super().clean()
        errors = {}
        if self.questions and self.kind != ResourceKind.QUESTIONNAIRE:
            errors["questions"] = _("Only a questionnaire has questions; choose that kind.")
        if not self.document_id and not (
            self.kind == ResourceKind.QUESTIONNAIRE and self.questions
        ):
            errors["document"] = _("Choose the file readers download.")
        if self.access == Access.GATED and not self.document_id:
            errors["access"] = _("Only a file can be gated; choose a file or make it open.")
        if errors:
            raise ValidationError(errors)

    def save(self, *args, **kwargs):
        # Every question keeps one id for good: readers' browsers store their
        # answers under it. The admin gives list items ids; content written
        # in code (the demo, imports) gets them here: reading a section gives
        # its questions ids, and saving then stores them.
        list(self.questions)
        return super().save(*args, **kwargs)

    def kind_label(self):
        """The kind in the site's language, as readers search for it ("Vragenlijst")."""
        with translation.override(settings.LANGUAGE_CODE):
            return str(self.get_kind_display())

    def search_text(self):
        """The summary and the description as plain text (for search excerpts)."""
        # Blocks end in a space, so that paragraphs do not run together ("liggen.Deze").
        description = re.sub(r"</(p|li|h[1-6])>|<br\s*/?>", " ", self.description or "")
        return " ".join([self.summary, html.unescape(strip_tags(description))])

    @property
    def gated(self):
        return self.access == Access.GATED and self.document_id is not None

    @property
    def is_questionnaire(self):
        return self.kind == ResourceKind.QUESTIONNAIRE and bool(self.questions)

    @cached_property
    def file_extension(self):
        return self.document.file_extension.upper() if self.document else ""

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.setdefault("form", DownloadRequestForm() if self.gated else None)
        return context

    # Routes: the page (with the gate's form), the thank-you page after the form
    # (also where the mailed link leads), and the file behind a signed link.

    @path("", name="page")
    def page_route(self, request):
        if request.method != "POST" or not self.gated:
            return self.render(request)
        form = DownloadRequestForm(request.POST)
        if not form.is_valid():
            return self.render_form_error(request, form, status=400)
        email = form.cleaned_data["email"]
        with REQUEST_LIMITS.attempt(request, email) as refused:
            if refused is not None:
                form.add_error(None, refused.message or form.too_many_requests_message)
                return self.render_form_error(request, form, status=429)
            thanks_url = absolute_url(self.get_url(request) + self.reverse_subpage("thanks"))
            # The request with its mails queued, or (the database failing) none of it.
            with transaction.atomic():
                download_request = form.save(resource=self)
                conversions.announce(request, conversions.DOWNLOAD)
                if download_request.newsletter:
                    request_subscription(
                        request,
                        download_request.email,
                        source=Subscriber.Source.DOWNLOAD,
                        consent_text=str(form.fields["newsletter"].label),
                    )
                send_download_link.enqueue(download_request.pk, thanks_url)
        return redirect(self.download_link(request, make_token(download_request))["thanks"])

    def render_form_error(self, request, form, *, status):
        response = self.render(request, context_overrides={"form": form})
        response.status_code = status
        return response

    # The signed token goes in the query string: Wagtail's page URLs allow
    # only letters, digits, - and _ in a path segment.

    @path("bedankt/", name="thanks")
    def thanks_route(self, request):
        return self.link_route(request, serve_file=False)

    @path("bestand/", name="file")
    def file_route(self, request):
        return self.link_route(request, serve_file=True)

    def download_link(self, request, token):
        query = urlencode({"link": token})
        page_url = self.get_url(request)
        return {
            "thanks": f"{page_url}{self.reverse_subpage('thanks')}?{query}",
            "file": f"{page_url}{self.reverse_subpage('file')}?{query}",
        }

    def link_route(self, request, *, serve_file):
        if not self.gated:
            # Made open since the link was sent: the page has the file for anyone.
            return redirect(self.get_url(request))
        token = request.GET.get("link", "")
        check = check_link(token, self.pk)
        exists = (
            check.valid and DownloadRequest.objects.filter(pk=check.value, resource=self).exists()
        )
        if exists and serve_file:
            response = self.serve_document(request)
        elif exists:
            response = self.render(
                request,
                template="resources/resource_thanks.html",
                context_overrides={
                    "file_url": self.download_link(request, token)["file"],
                    "newsletter_to_confirm": newsletter_to_confirm(check.value),
                },
            )
        else:
            # A fresh form, empty: whoever holds an old link (a forwarded mail,
            # a shared computer) must not see the reader's details.
            response = self.render(
                request,
                context_overrides={
                    "form": DownloadRequestForm(),
                    "link_problem": "expired" if check.expired else "invalid",
                },
            )
            response.status_code = 410 if check.expired else 400
        # A link is personal and expires: never kept by the page cache or a CDN,
        # nor indexed.
        add_never_cache_headers(response)
        response["X-Robots-Tag"] = "noindex"
        return response

    def serve_document(self, request):
        """The file through Wagtail's document view, which the gate lets through
        for this request only (see resources.wagtail_hooks)."""
        request.download_link_resource = self
        return serve(request, self.document.pk, self.document.filename)


def newsletter_to_confirm(download_request_id):
    """Whether the reader ticked the newsletter box and their signup still
    waits for its confirmation (the thank-you page then says a mail is coming)."""
    download_request = DownloadRequest.objects.filter(pk=download_request_id, newsletter=True)
    email = download_request.values_list("email", flat=True).first()
    return bool(email) and (
        Subscriber.objects.with_email(email).filter(status=Subscriber.Status.PENDING).exists()
    )
