"""Build the demo site: home page, blog, themes, authors, articles, the
downloads (an e-book and a questionnaire, with their PDF files), the banner,
and the about page and the privacy statement.

Idempotent: whatever already exists (matched by slug) is left as it is, so a
second run changes nothing and an editor's later changes survive.
"""

import datetime
import functools
import io
import json
from pathlib import Path

from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils.text import slugify
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Collection, Page, Site

from authors.models import Author
from blog.demo import load_planned_articles
from blog.models import ArticlePage, ArticlePageAuthor, ArticleRelatedResource, BlogIndexPage
from contributions.demo import load_demo_wall
from demo import documents as demo_documents
from demo import images as demo_images
from home.models import HomePage, HomePageFeaturedArticle
from pages.models import ContentPage, PrivacyPage
from readership.demo import load_reading_figures
from resources.models import PromoBanner, ResourceIndexPage, ResourcePage
from themes.models import Theme

CONTENT_DIR = Path(__file__).resolve().parents[2] / "demo_content"
DOCUMENT_COLLECTION = "Downloads"


# The same input always gives the same file: made once per process, however
# often the content is loaded in it (the test suite loads it for many tests).
@functools.cache
def pdf(spec_json):
    title, spec, palette, questions = json.loads(spec_json)
    return demo_documents.render(title, spec, palette=palette, questions=questions)


class Command(BaseCommand):
    help = "Load the Dutch demo content (safe to run more than once)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--content-dir", type=Path, default=CONTENT_DIR, help="Folder with the demo JSON."
        )

    @transaction.atomic
    def handle(self, *args, content_dir, **options):
        site_data = json.loads((content_dir / "site.json").read_text(encoding="utf-8"))
        articles_data = [
            json.loads(path.read_text(encoding="utf-8"))
            for path in sorted((content_dir / "articles").glob("*.json"))
        ]
        resources_data = json.loads((content_dir / "resources.json").read_text(encoding="utf-8"))
        pages_data = json.loads((content_dir / "pages.json").read_text(encoding="utf-8"))
        self.created = 0

        home, home_created = self.home_page(site_data["home"])
        blog = self.blog_index(home, site_data["blog_index"])
        themes = {item["slug"]: self.theme(item) for item in site_data["themes"]}
        authors = {item["slug"]: self.author(item) for item in site_data["authors"]}
        articles = [self.article(blog, item, themes, authors) for item in articles_data]
        self.created += load_planned_articles(blog, themes, authors)
        self.created += load_reading_figures(articles)

        if home_created:
            pairs = zip(articles, articles_data, strict=True)
            featured = [page for page, item in pairs if item.get("featured")]
            for article in featured[: HomePage.featured_count]:
                HomePageFeaturedArticle.objects.create(page=home, article=article)

        downloads = self.downloads_index(home, resources_data["index"])
        resources = {
            item["slug"]: self.resource(downloads, item, themes)
            for item in resources_data["resources"]
        }
        self.banner(home, resources_data["banner"], resources)
        # In this order in the footer (tree order): the about page, then the statement.
        about = pages_data["about"]
        if not ContentPage.objects.child_of(home).filter(slug=about["slug"]).exists():
            self.content_page(home, ContentPage, about)
        if not PrivacyPage.objects.exists():  # at most one on the site, whatever its slug
            privacy = pages_data["privacy"]
            self.content_page(home, PrivacyPage, privacy, contact_email=privacy["contact_email"])
        self.created += load_demo_wall(home, themes)

        self.stdout.write(
            self.style.SUCCESS(f"Demo content ready ({self.created} new objects).")
            if self.created
            else "Demo content already present; nothing changed."
        )

    def home_page(self, data):
        home = HomePage.objects.first()
        if home:
            return home, False
        root = Page.get_first_root_node()
        # Wagtail's first migration leaves a placeholder welcome page as the site root.
        for placeholder in root.get_children().filter(
            content_type__app_label="wagtailcore", content_type__model="page"
        ):
            if not placeholder.get_children().exists():
                placeholder.delete()
        home = root.add_child(
            instance=HomePage(
                title=data["title"],
                slug="home",
                intro=data["intro"],
                newsletter_heading=data.get("newsletter_heading", ""),
                newsletter_text=data.get("newsletter_text", ""),
            )
        )
        home.save_revision().publish()
        site = Site.objects.filter(is_default_site=True).first() or Site(
            hostname="localhost", port=80, is_default_site=True
        )
        site.root_page = home
        site.site_name = data["title"]
        site.save()
        self.created += 1
        return home, True

    def blog_index(self, home, data):
        blog = BlogIndexPage.objects.child_of(home).first()
        if blog:
            return blog
        blog = home.add_child(instance=BlogIndexPage(title=data["title"], intro=data["intro"]))
        blog.save_revision().publish()
        self.created += 1
        return blog

    def theme(self, data):
        theme = Theme.objects.filter(slug=data["slug"]).first()
        if theme:
            return theme
        self.created += 1
        return Theme.objects.create(
            name=data["name"],
            slug=data["slug"],
            introduction=data["introduction"],
            meta_description=data["meta_description"],
            image=self.image(data["name"], data["image"]),
        )

    def author(self, data):
        author = Author.objects.filter(slug=data["slug"]).first()
        if author:
            return author
        self.created += 1
        return Author.objects.create(
            name=data["name"],
            slug=data["slug"],
            role=data["role"],
            bio=data["bio"],
            photo=self.image(data["name"], data["photo"], size=(600, 600)),
        )

    def article(self, blog, data, themes, authors):
        article = ArticlePage.objects.child_of(blog).filter(slug=data["slug"]).first()
        if article:
            return article
        article = ArticlePage(
            title=data["title"],
            slug=data["slug"],
            subtitle=data["subtitle"],
            search_description=data.get("search_description", ""),
            publication_date=datetime.date.fromisoformat(data["publication_date"]),
            names_changed=data.get("names_changed", False),
            publish_anonymously=data.get("publish_anonymously", False),
            hero_image=self.image(data["title"], data["hero"]),
            hero_caption=data["hero"].get("caption", ""),
            body=[self.body_block(data["title"], block) for block in data["body"]],
            article_authors=[ArticlePageAuthor(author=authors[slug]) for slug in data["authors"]],
        )
        article.themes.add(*(themes[slug] for slug in data["themes"]))
        blog.add_child(instance=article)
        article.save_revision().publish()
        self.created += 1
        return article

    def body_block(self, title, block):
        if block["type"] != "image":
            return block
        value = block["value"]
        image = self.image(f"{title}: {value['caption'] or value['alt']}", value)
        return {
            "type": "image",
            "value": {"image": image.pk, "alt_text": "", "caption": value["caption"]},
        }

    def image(self, title, spec, size=(1600, 900)):
        content = demo_images.draw_once(spec["motif"], tuple(spec["palette"]), size, title)
        return get_image_model().objects.create(
            title=title,
            description=spec["alt"],
            file=ImageFile(io.BytesIO(content), name=f"demo-{slugify(title)[:60]}.jpg"),
        )

    def downloads_index(self, home, data):
        downloads = ResourceIndexPage.objects.first()  # at most one on the site
        if downloads:
            return downloads
        downloads = home.add_child(
            instance=ResourceIndexPage(title=data["title"], slug=data["slug"], intro=data["intro"])
        )
        downloads.save_revision().publish()
        self.created += 1
        return downloads

    def content_page(self, home, model, data, **fields):
        page = model(
            title=data["title"],
            slug=data["slug"],
            intro=data["intro"],
            search_description=data.get("search_description", ""),
            show_in_menus=data.get("show_in_menus", False),
            body=data["body"],
            **fields,
        )
        home.add_child(instance=page)
        page.save_revision().publish()
        self.created += 1

    def resource(self, downloads, data, themes):
        resource = ResourcePage.objects.child_of(downloads).filter(slug=data["slug"]).first()
        if resource:
            return resource
        resource = ResourcePage(
            title=data["title"],
            slug=data["slug"],
            kind=data["kind"],
            access=data["access"],
            summary=data["summary"],
            search_description=data.get("search_description", ""),
            description=data["description"],
            cover_image=self.image(data["title"], data["cover"]),
            document=self.document(data),
            questions=[
                {"type": "section", "value": section} for section in data.get("questions", [])
            ],
        )
        resource.themes.add(*(themes[slug] for slug in data["themes"]))
        downloads.add_child(instance=resource)
        resource.save_revision().publish()
        self.created += 1
        # Recommended only when the download is new: an editor may take it off later.
        for article in ArticlePage.objects.filter(slug__in=data.get("related_articles", [])):
            self.recommend(article, resource)
        return resource

    def document(self, data):
        """The resource's PDF, drawn locally; reused if an earlier run left it behind."""
        Document = get_document_model()
        collection = self.document_collection()
        document = Document.objects.filter(collection=collection, title=data["title"]).first()
        if document:
            return document
        spec = data["document"]
        content = pdf(
            json.dumps(
                [data["title"], spec, data["cover"]["palette"], data.get("questions", [])],
                sort_keys=True,
            )
        )
        document = Document(
            title=data["title"],
            collection=collection,
            file=ContentFile(content, name=spec["filename"]),
        )
        document.full_clean()  # the site's own check that the file is what it says
        document._set_document_file_metadata()
        document.save()
        self.created += 1
        return document

    def document_collection(self):
        root = Collection.get_first_root_node()
        collection = root.get_children().filter(name=DOCUMENT_COLLECTION).first()
        if collection:
            return collection
        self.created += 1
        return root.add_child(name=DOCUMENT_COLLECTION)

    def recommend(self, article, resource):
        """Add the download to the article's related downloads, through a revision
        so the admin shows it; an editor's unpublished draft stays a draft."""
        had_draft = article.has_unpublished_changes
        page = article.get_latest_revision_as_object()
        page.related_resources.add(ArticleRelatedResource(resource=resource))
        revision = page.save_revision()
        if not had_draft:
            revision.publish()
        self.created += 1

    def banner(self, home, data, resources):
        site = (
            Site.objects.filter(root_page=home).first()
            or Site.objects.filter(is_default_site=True).first()
        )
        if site is None:
            return
        banner = PromoBanner.for_site(site)
        if banner.enabled or banner.text or banner.link_page_id:
            return  # set up before, by an earlier run or an editor
        banner.enabled = True
        banner.text = data["text"]
        banner.link_text = data["link_text"]
        banner.link_page = resources[data["resource"]]
        banner.full_clean()
        banner.save()
        self.created += 1
