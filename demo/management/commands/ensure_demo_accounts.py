"""Make sure the local demo site has accounts to log in with: an administrator,
an editor (Redactie) and a guest author (Gastauteurs) whose draft waits in
review, so that the review workflow can be tried at once.

Only for a development machine: it refuses to run with DEBUG off, so a
production database never gets a known password.
"""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.urls import reverse

from authors.models import Author
from blog.models import ArticlePage, BlogIndexPage
from core.site_url import absolute_url
from users.roles import ensure_editors_group, ensure_guest_authors_group

PASSWORD = "directeurskamer"
ADMIN = "admin"
EDITOR = "redacteur"
GUEST_AUTHOR = "gastauteur"

GUEST_DRAFT_TITLE = "Wat ik leerde van een jaar zonder intern begeleider"
GUEST_DRAFT_PARAGRAPHS = [
    "In september vertrok onze intern begeleider, en pas in juni kwam er een nieuwe. "
    "Een jaar lang lag de zorg voor dertig leerlingen met een arrangement bij de "
    "leerkrachten en bij mij.",
    "Ik dacht dat het vooral een jaar van gaten dichten zou worden. Het werd een jaar "
    "waarin ik zag hoeveel de leerkrachten zelf al wisten, als ik ze de ruimte gaf.",
]


class Command(BaseCommand):
    help = "Create the local demo accounts and a guest author's draft in review (DEBUG only)."

    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError("ensure_demo_accounts only runs with DEBUG on (local development).")
        User = get_user_model()
        if not User.objects.filter(username=ADMIN).exists():
            User.objects.create_superuser(ADMIN, "admin@localhost", PASSWORD)
        editor = self.account(EDITOR, "Ruud", "Redacteur")
        editor.groups.add(ensure_editors_group())
        guest = self.account(GUEST_AUTHOR, "Gijs", "Gastauteur")
        guest.groups.add(ensure_guest_authors_group())
        self.draft_in_review(guest)
        roles = [(ADMIN, "administrator"), (EDITOR, "editor"), (GUEST_AUTHOR, "guest author")]
        # The site's address (`make run` sets it to the port it serves on).
        login_url = absolute_url(reverse("wagtailadmin_home"))
        for username, role in roles:
            self.stdout.write(
                f"Log in at {login_url} as '{username}' ({role}) with password '{PASSWORD}'."
            )

    def account(self, username, first_name, last_name):
        User = get_user_model()
        user = User.objects.filter(username=username).first()
        if user is None:
            user = User.objects.create_user(
                username,
                f"{username}@localhost",
                PASSWORD,
                first_name=first_name,
                last_name=last_name,
            )
        return user

    def draft_in_review(self, guest):
        blog_index = BlogIndexPage.objects.first()
        if blog_index is None or ArticlePage.objects.filter(owner=guest).exists():
            return
        article = ArticlePage(
            title=GUEST_DRAFT_TITLE,
            subtitle="Over loslaten, en vertrouwen op wat het team al weet.",
            body=[{"type": "paragraph", "value": f"<p>{p}</p>"} for p in GUEST_DRAFT_PARAGRAPHS],
            owner=guest,
            live=False,
        )
        article.article_authors = [article.article_authors.model(author=Author.profile_of(guest))]
        blog_index.add_child(instance=article)
        article.save_revision(user=guest)
        article.get_workflow().start(article, guest)
