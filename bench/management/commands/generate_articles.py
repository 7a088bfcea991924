"""Create many synthetic articles quickly, for benchmarks.

    manage.py generate_articles 10000 [--themes 20] [--authors 10] [--seed 1] [--index]

Each article gets a Dutch-looking body of about 800 words (headings, paragraphs,
quotes, callouts), one to three themes, one or two authors, a hero image from a
small shared pool and a publication date somewhere in the last years. The text
is deterministic for a given seed and article number.

Saving pages one by one through Wagtail (`add_child`, revisions, signals) takes
a good fraction of a second each, so this command writes the rows in bulk:
the `wagtailcore_page` rows with their treebeard path computed here, then the
`blog_articlepage` rows, the theme and author links, and the parent's
`numchild`. No revisions are created; the articles are live as if published once.
Running it again adds more articles after the existing ones.
"""

import datetime
import io
import math
import random
import time
import uuid

from django.contrib.contenttypes.models import ContentType
from django.core.files.images import ImageFile
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.text import slugify
from wagtail.images import get_image_model
from wagtail.models import Page

from authors.models import Author
from bench.filler import ADJECTIVES, NOUNS, FillerText, article_body
from blog.models import ArticlePage, ArticlePageAuthor, BlogIndexPage, TaggedArticle
from blog.models.article import WORDS_PER_MINUTE
from demo import images as demo_images
from themes.models import Theme

IMAGE_POOL_SIZE = 20
# Pool images are found again by this title prefix, so a second run reuses them.
IMAGE_TITLE_PREFIX = "Benchmark-illustratie"
BATCH_SIZE = 500
YEARS_BACK = 12


EXTRA_THEMES = (
    "Werkdruk",
    "Lerarentekort",
    "Kansengelijkheid",
    "Inclusie",
    "Burgerschap",
    "Sociale veiligheid",
    "Medezeggenschap",
    "Onderwijsachterstanden",
    "Integriteit",
    "Privacy op school",
    "Leesonderwijs",
    "Nieuwkomers",
    "Verzuim",
    "Conflicten in het team",
    "Strategisch beleid",
    "Kinderopvang en school",
    "Identiteit",
    "Professionele cultuur",
    "Digitale geletterdheid",
    "Huisbezoek",
)
EXTRA_AUTHORS = (
    "Anouk de Vries",
    "Pieter Jansen",
    "Fatima Bouzid",
    "Bram Visser",
    "Lotte Smit",
    "Ahmed Yilmaz",
    "Ingrid Mulder",
    "Koen de Boer",
    "Noor Hendriks",
    "Sander Dekker",
    "Eva Peters",
    "Youssef Haddou",
)
PALETTES = (
    ("#1f4e5f", "#f2e8cf", "#9fb8ad"),
    ("#3d405b", "#f4f1de", "#e07a5f"),
    ("#264653", "#e9c46a", "#2a9d8f"),
    ("#5f0f40", "#fbf8cc", "#9a031e"),
    ("#283618", "#fefae0", "#bc6c25"),
    ("#22223b", "#f2e9e4", "#9a8c98"),
    ("#003049", "#fdf0d5", "#c1121f"),
)


class Command(BaseCommand):
    help = "Create N synthetic, live articles under the blog in bulk (for benchmarks)."

    def add_arguments(self, parser):
        parser.add_argument("count", type=int, help="How many articles to add.")
        parser.add_argument("--themes", type=int, default=20, help="Themes to draw from.")
        parser.add_argument("--authors", type=int, default=10, help="Authors to draw from.")
        parser.add_argument("--seed", type=int, default=1, help="Seed of the generated text.")
        parser.add_argument(
            "--index",
            action="store_true",
            help="Run Wagtail's update_index afterwards (slow; needed for search).",
        )

    def handle(self, *args, count, themes, authors, seed, index, **options):
        if count < 1:
            raise CommandError("Give a positive number of articles.")
        started = time.monotonic()
        blog = BlogIndexPage.objects.first()
        if blog is None:
            call_command("load_demo_content", stdout=self.stdout)
            blog = BlogIndexPage.objects.get()
        with transaction.atomic():
            theme_ids = self.theme_pool(themes)
            author_ids = self.author_pool(authors)
            image_ids = self.image_pool()
            self.create_articles(blog, count, theme_ids, author_ids, image_ids, seed, started)
        if self.stdout.isatty():
            self.stdout.write("")  # end the progress line
        self.stdout.write(f"Created {count} articles in {time.monotonic() - started:.1f} s.")
        if index:
            indexing_started = time.monotonic()
            call_command("update_index", verbosity=0)
            self.stdout.write(
                f"Search index rebuilt in {time.monotonic() - indexing_started:.1f} s."
            )
        if connection.vendor in {"postgresql", "sqlite"}:
            # Fresh statistics for the query planner: without them (autovacuum off,
            # or not yet run) PostgreSQL plans for empty tables, and a listing over
            # 10,000 articles can take seconds instead of milliseconds.
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")

    # Themes, authors and images to draw from: existing ones first, topped up.

    def theme_pool(self, size):
        names = [*EXTRA_THEMES, *(f"Thema {n}" for n in range(1, size + 1))]
        return _top_up(
            Theme,
            size,
            names,
            lambda name: {
                "introduction": f"<p>Blogs van schoolleiders over {name.lower()}.</p>",
                "meta_description": f"Reflecties van schoolleiders over {name.lower()}.",
            },
        )

    def author_pool(self, size):
        names = [*EXTRA_AUTHORS, *(f"Gastauteur {n}" for n in range(1, size + 1))]
        return _top_up(
            Author,
            size,
            names,
            lambda name: {
                "role": "gastauteur",
                "bio": f"{name} is schoolleider in het primair onderwijs.",
            },
        )

    def image_pool(self):
        """A few shared hero images: renditions are then made once per image, not per article."""
        images = get_image_model().objects.filter(title__startswith=IMAGE_TITLE_PREFIX)
        pool = list(images.order_by("pk").values_list("pk", flat=True))
        for n in range(len(pool) + 1, IMAGE_POOL_SIZE + 1):
            title = f"{IMAGE_TITLE_PREFIX} {n}"
            motif = demo_images.MOTIFS[n % (len(demo_images.MOTIFS) - 1)]  # no portraits
            palette = PALETTES[n % len(PALETTES)]
            content = demo_images.draw_once(motif, tuple(palette), seed=title)
            image = get_image_model().objects.create(
                title=title,
                description=f"Abstracte tekening ({motif}) in gedempte kleuren.",
                file=ImageFile(io.BytesIO(content), name=f"benchmark-{n}.jpg"),
            )
            pool.append(image.pk)
        return pool

    # The articles

    def create_articles(self, blog, count, theme_ids, author_ids, image_ids, seed, started):
        content_type = ContentType.objects.get_for_model(ArticlePage)
        siblings = Page.objects.filter(path__startswith=blog.path, depth=blog.depth + 1)
        last_path = siblings.order_by("-path").values_list("path", flat=True).first()
        # Continue the treebeard numbering after the existing children.
        first_step = 1
        if last_path:
            first_step = ArticlePage._str2int(last_path[-ArticlePage.steplen :]) + 1
        taken_slugs = set(siblings.values_list("slug", flat=True))
        now = timezone.now()

        for batch_start in range(0, count, BATCH_SIZE):
            batch_end = min(count, batch_start + BATCH_SIZE)
            steps = range(first_step + batch_start, first_step + batch_end)
            pages, details = [], []
            for step in steps:
                page, detail = self.build_article(
                    blog, step, seed, content_type, taken_slugs, now, image_ids
                )
                pages.append(page)
                details.append(detail)
            # PostgreSQL (and SQLite) return the new primary keys from a bulk insert.
            Page.objects.bulk_create(pages)
            self.insert_article_rows(pages, details)
            self.link_themes_and_authors(pages, details, theme_ids, author_ids)
            done = batch_start + len(steps)
            self.progress(done, count, started)

        Page.objects.filter(pk=blog.pk).update(numchild=F("numchild") + count)

    def build_article(self, blog, step, seed, content_type, taken_slugs, now, image_ids):
        rng = random.Random(f"{seed}:{step}")
        text = FillerText(rng)
        title = " ".join(
            [
                rng.choice(("De", "Het", "Een")),
                rng.choice(ADJECTIVES),
                rng.choice(NOUNS),
                rng.choice(("van", "over", "met", "na", "voor")),
                rng.choice(("de", "het", "een")),
                rng.choice(NOUNS),
            ]
        )
        slug = f"{slugify(title)}-{step}"
        while slug in taken_slugs:
            slug += "-x"
        taken_slugs.add(slug)

        published = now - datetime.timedelta(
            days=rng.randrange(YEARS_BACK * 365), seconds=rng.randrange(86_400)
        )
        last_published = min(now, published + datetime.timedelta(days=rng.choice((0, 0, 1, 14))))
        page = Page(
            title=title,
            draft_title=title,
            slug=slug,
            content_type_id=content_type.pk,
            locale_id=blog.locale_id,
            translation_key=uuid.uuid4(),
            path=ArticlePage._get_path(blog.path, blog.depth + 1, step),
            depth=blog.depth + 1,
            numchild=0,
            url_path=f"{blog.url_path}{slug}/",
            live=True,
            has_unpublished_changes=False,
            first_published_at=published,
            last_published_at=last_published,
            search_description=text.sentence(12, 20),
        )
        body, words = article_body(rng)
        detail = {
            "subtitle": text.sentence(10, 16),
            "publication_date": timezone.localdate(published),
            "hero_image": rng.choice(image_ids),
            "hero_alt_text": "",
            "hero_caption": text.sentence(5, 10) if rng.random() < 0.6 else "",
            "body": body,
            "names_changed": rng.random() < 0.3,
            "publish_anonymously": (anonymous := rng.random() < 0.05),
            "anonymity_requested": anonymous,
            # The default; it acts only when an article is first published, which
            # these rows, inserted live, never are.
            "send_to_subscribers": True,
            # What ArticlePage.save() would compute, without parsing the HTML back.
            "reading_time": max(1, math.ceil(words / WORDS_PER_MINUTE)),
            "rng": rng,
        }
        return page, detail

    def insert_article_rows(self, pages, details):
        """Insert the child-table rows of the pages just created.

        bulk_create() refuses multi-table inheritance, so this is a plain
        executemany, with each value prepared by its model field as Django
        would (the body becomes JSON the way StreamField stores it).
        """
        fields = [f for f in ArticlePage._meta.local_concrete_fields if f.name != "page_ptr"]
        ptr = ArticlePage._meta.get_field("page_ptr")
        columns = [ptr.column, *(f.column for f in fields)]
        quote = connection.ops.quote_name
        sql = "INSERT INTO {} ({}) VALUES ({})".format(
            quote(ArticlePage._meta.db_table),
            ", ".join(quote(c) for c in columns),
            ", ".join(["%s"] * len(columns)),
        )
        rows = []
        for page, detail in zip(pages, details, strict=True):
            row = [page.pk]
            for field in fields:
                value = detail[field.name]
                if field.name == "body":
                    value = field.to_python(value)
                row.append(field.get_db_prep_save(value, connection))
            rows.append(row)
        with connection.cursor() as cursor:
            cursor.executemany(sql, rows)

    def link_themes_and_authors(self, pages, details, theme_ids, author_ids):
        tagged, authored = [], []
        for page, detail in zip(pages, details, strict=True):
            rng = detail["rng"]
            for theme_id in rng.sample(theme_ids, min(len(theme_ids), rng.randint(1, 3))):
                tagged.append(TaggedArticle(content_object_id=page.pk, tag_id=theme_id))
            chosen = rng.sample(author_ids, min(len(author_ids), rng.choice((1, 1, 1, 2))))
            for order, author_id in enumerate(chosen):
                authored.append(
                    ArticlePageAuthor(page_id=page.pk, author_id=author_id, sort_order=order)
                )
        TaggedArticle.objects.bulk_create(tagged)
        ArticlePageAuthor.objects.bulk_create(authored)

    def progress(self, done, count, started):
        elapsed = time.monotonic() - started
        line = f"  {done:>{len(str(count))}}/{count} articles ({done * 100 // count:3d}%)"
        line += f"  {elapsed:6.1f} s"
        # Overwrite the line on a terminal; one line per batch in a log.
        tty = self.stdout.isatty()
        self.stdout.write(("\r" if tty else "") + line, ending="" if tty else "\n")
        self.stdout.flush()


def _top_up(model, size, names, extra_fields):
    """The pks of `size` rows of a theme-like model: existing ones first, then new ones."""
    existing = list(model.objects.order_by("pk").values_list("pk", "slug"))
    slugs = {slug for _, slug in existing}
    for name in names:
        if len(existing) >= size:
            break
        slug = slugify(name)
        if slug in slugs:
            continue
        row = model.objects.create(name=name, slug=slug, **extra_fields(name))
        existing.append((row.pk, slug))
        slugs.add(slug)
    return [pk for pk, _ in existing[:size]]
