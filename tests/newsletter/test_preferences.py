"""What a subscriber receives: chosen when confirming, changed through the
"Mijn voorkeuren" link in every mail, without logging in."""

import datetime

import pytest
from bs4 import BeautifulSoup
from django.core import mail, signing
from django.core.cache import cache
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from newsletter.forms import MAX_THEMES_CHOSEN
from newsletter.models import Subscriber
from newsletter.tokens import CONFIRM, PREFERENCES, UNSUBSCRIBE
from tests.themes.factories import ThemeFactory

from .conftest import confirmed_subscriber, link_in

pytestmark = pytest.mark.django_db

PREFERENCES_PATH = "/nieuwsbrief/voorkeuren/"
EVERY = Subscriber.Preference.EVERY_ARTICLE
THEMES = Subscriber.Preference.THEMES
DIGEST = Subscriber.Preference.DIGEST


@pytest.fixture(autouse=True)
def fresh_limits():
    cache.clear()  # the limits per mailbox and per visitor count in the cache
    yield
    cache.clear()


@pytest.fixture
def themes():
    return {
        slug: ThemeFactory(name=name, slug=slug)
        for slug, name in [
            ("passend-onderwijs", "Passend onderwijs"),
            ("leerlingenzorg", "Leerlingenzorg"),
            ("morele-reflectie", "Morele reflectie"),
        ]
    }


@pytest.fixture
def anna():
    return confirmed_subscriber("anna@example.nl")


def preferences_url(subscriber):
    return f"{PREFERENCES_PATH}?t={PREFERENCES.make(subscriber.pk)}"


def soup(response):
    return BeautifulSoup(response.content, "html.parser")


def checked(response, name):
    return {
        box["value"]
        for box in soup(response).find_all("input", attrs={"name": name})
        if box.has_attr("checked")
    }


def text(response):
    return soup(response).get_text(" ", strip=True)


def expired_token(subscriber, settings):
    token = PREFERENCES.make(subscriber.pk)
    settings.NEWSLETTER_PREFERENCES_MAX_AGE = 0
    return token


class TestThePreferencesPage:
    def test_shows_the_choice_as_it_is_and_is_never_cached_or_indexed(self, client, anna, themes):
        response = client.get(preferences_url(anna))
        assert response.status_code == 200
        assert "no-store" in response["Cache-Control"]
        assert response["X-Robots-Tag"] == "noindex"
        assert soup(response).find("meta", attrs={"name": "robots"})["content"] == "noindex"
        assert checked(response, "preference") == {EVERY}
        assert checked(response, "themes") == set()
        # Every theme can be chosen, by its name.
        assert "Passend onderwijs" in text(response)
        assert "Morele reflectie" in text(response)
        # The address is not on the page (a forwarded mail's link shows nothing of it).
        assert "anna@example.nl" not in response.content.decode()

    def test_switching_to_two_themes(self, client, anna, themes):
        chosen = [themes["passend-onderwijs"].pk, themes["leerlingenzorg"].pk]
        response = client.post(preferences_url(anna), {"preference": THEMES, "themes": chosen})
        assert response.status_code == 200
        assert "Je voorkeuren zijn opgeslagen." in text(response)
        assert "alleen de nieuwe artikelen over de thema's die je koos" in text(response)
        anna.refresh_from_db()
        assert anna.preference == THEMES
        assert set(anna.themes.values_list("pk", flat=True)) == set(chosen)
        # The page shows the new choice, and says so again when opened later.
        assert checked(response, "themes") == {str(pk) for pk in chosen}
        again = client.get(preferences_url(anna))
        assert checked(again, "preference") == {THEMES}
        assert checked(again, "themes") == {str(pk) for pk in chosen}

    def test_another_choice_drops_the_themes(self, client, themes):
        bram = confirmed_subscriber("bram@example.nl", THEMES, [themes["leerlingenzorg"]])
        response = client.post(
            preferences_url(bram), {"preference": DIGEST, "themes": [themes["leerlingenzorg"].pk]}
        )
        assert response.status_code == 200
        assert "één overzicht per maand" in text(response)
        bram.refresh_from_db()
        assert bram.preference == DIGEST
        assert not bram.themes.exists()

    def test_chosen_themes_without_a_theme_is_refused_in_dutch(self, client, anna, themes):
        response = client.post(preferences_url(anna), {"preference": THEMES})
        assert response.status_code == 400
        errors = soup(response).find(id="preference-errors")
        assert "Kies minstens één thema" in errors.get_text()
        assert soup(response).title.get_text().startswith("Fout")
        anna.refresh_from_db()
        assert anna.preference == EVERY

    @pytest.mark.parametrize(
        "value",
        ["999999", "abc", "1 OR 1=1", "9" * 60, "-1", "1.5", "\x00", "<script>alert(1)</script>"],
    )
    def test_unknown_or_hostile_theme_ids_are_refused(self, client, anna, themes, value):
        response = client.post(
            preferences_url(anna),
            {"preference": THEMES, "themes": [themes["leerlingenzorg"].pk, value]},
        )
        assert response.status_code == 400
        assert "Kies alleen thema's uit de lijst." in text(response)
        assert "<script>alert" not in response.content.decode()
        anna.refresh_from_db()
        assert (anna.preference, anna.themes.count()) == (EVERY, 0)

    def test_a_flood_of_theme_ids_is_refused_before_any_lookup(
        self, client, anna, themes, django_assert_max_num_queries
    ):
        flood = [themes["leerlingenzorg"].pk] * (MAX_THEMES_CHOSEN + 1)
        with django_assert_max_num_queries(12):
            response = client.post(preferences_url(anna), {"preference": THEMES, "themes": flood})
        assert response.status_code == 400
        assert not anna.themes.exists()

    @pytest.mark.parametrize("value", ["alles", "<b>digest</b>", "x" * 10_000, "\x00"])
    def test_an_unknown_choice_is_refused_and_not_echoed(self, client, anna, value):
        response = client.post(preferences_url(anna), {"preference": value})
        assert response.status_code == 400
        assert "Kies een van de mogelijkheden." in text(response)
        assert "<b>digest</b>" not in response.content.decode()
        anna.refresh_from_db()
        assert anna.preference == EVERY

    def test_a_deleted_theme_leaves_every_article_and_says_so(self, client, themes):
        carla = confirmed_subscriber("carla@example.nl", THEMES, [themes["morele-reflectie"]])
        themes["morele-reflectie"].delete()
        assert carla.chosen_themes_gone()
        response = client.get(preferences_url(carla))
        gone = soup(response).find(attrs={"data-themes-gone": True})
        assert "bestaan niet meer" in gone.get_text()
        assert "krijg je elk nieuw artikel" in gone.get_text()
        # Choosing again puts it right.
        client.post(
            preferences_url(carla), {"preference": THEMES, "themes": [themes["leerlingenzorg"].pk]}
        )
        assert (
            soup(client.get(preferences_url(carla))).find(attrs={"data-themes-gone": True}) is None
        )

    def test_a_renamed_theme_stays_chosen_under_its_new_name(self, client, themes):
        dirk = confirmed_subscriber("dirk@example.nl", THEMES, [themes["leerlingenzorg"]])
        themes["leerlingenzorg"].name = "Zorg voor leerlingen"
        themes["leerlingenzorg"].save()
        response = client.get(preferences_url(dirk))
        box = soup(response).find("input", attrs={"name": "themes", "checked": True})
        assert soup(response).find("label", attrs={"for": box["id"]}).get_text() == (
            "Zorg voor leerlingen"
        )


class TestLinksThatDoNotWork:
    @pytest.mark.parametrize(
        "token",
        [
            "",
            "garbage",
            "x" * 5000,
            "<script>alert(1)</script>",
            signing.dumps("1", salt="newsletter.preferences"),  # not a number
            signing.dumps(True, salt="newsletter.preferences"),
        ],
        # A signed token carries its time: fixed ids keep both test workers' lists equal.
        ids=["empty", "garbage", "huge", "script", "signed-text", "signed-boolean"],
    )
    def test_a_tampered_token_gets_a_dutch_error(self, client, anna, token):
        response = client.get(PREFERENCES_PATH, {"t": token})
        assert response.status_code == 400
        assert "Deze link naar je voorkeuren is niet geldig" in text(response)
        assert "<script>alert" not in response.content.decode()
        assert response["X-Robots-Tag"] == "noindex"
        assert (
            client.post(PREFERENCES_PATH + "?t=" + token, {"preference": DIGEST}).status_code
            == 400
        )
        anna.refresh_from_db()
        assert anna.preference == EVERY

    def test_another_links_token_does_not_open_the_page(self, client, anna):
        for link in (UNSUBSCRIBE, CONFIRM):
            response = client.get(PREFERENCES_PATH, {"t": link.make(anna.pk)})
            assert response.status_code == 400

    def test_a_changed_token_does_not_open_anothers_preferences(self, client, anna):
        bram = confirmed_subscriber("bram@example.nl")
        token = PREFERENCES.make(anna.pk)
        forged = token.replace(token.split(":")[0], PREFERENCES.make(bram.pk).split(":")[0])
        assert client.get(PREFERENCES_PATH, {"t": forged}).status_code == 400

    def test_after_unsubscribing_there_is_nothing_to_choose(self, client, anna):
        url = preferences_url(anna)
        anna.unsubscribe()
        response = client.get(url)
        assert response.status_code == 410
        assert "Je bent niet aangemeld" in text(response)
        assert client.post(url, {"preference": DIGEST}).status_code == 410
        anna.refresh_from_db()
        assert anna.preference == EVERY

    def test_a_signup_not_confirmed_has_nothing_to_choose(self, client):
        waiting = Subscriber.objects.create(email="wacht@example.nl", source="footer")
        assert client.post(preferences_url(waiting), {"preference": DIGEST}).status_code == 410
        waiting.refresh_from_db()
        assert waiting.preference == EVERY

    def test_an_expired_link_asks_for_a_new_one_by_mail(
        self, client, anna, settings, django_capture_on_commit_callbacks
    ):
        token = expired_token(anna, settings)
        url = f"{PREFERENCES_PATH}?t={token}"
        response = client.get(url)
        assert response.status_code == 410
        assert "Deze link naar je voorkeuren is verlopen" in text(response)
        # The expired link changes nothing.
        assert client.post(url, {"preference": DIGEST}).status_code == 410
        anna.refresh_from_db()
        assert anna.preference == EVERY

        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(url, {"new_link": "1"})
        assert response.status_code == 200
        assert "Er is een nieuwe link onderweg" in text(response)
        message = mail.outbox[-1]
        assert message.to == ["anna@example.nl"]  # the subscriber's own address, always
        assert message.subject == "Je link naar je voorkeuren voor de nieuwsbrief"
        assert "List-Unsubscribe" in message.extra_headers
        settings.NEWSLETTER_PREFERENCES_MAX_AGE = 365 * 24 * 60 * 60
        fresh = link_in(message.body, PREFERENCES_PATH)
        assert Client().get(fresh).status_code == 200

    def test_new_links_are_limited_per_mailbox(
        self, client, anna, settings, django_capture_on_commit_callbacks
    ):
        url = f"{PREFERENCES_PATH}?t={expired_token(anna, settings)}"
        for _ in range(3):
            with django_capture_on_commit_callbacks(execute=True):
                assert client.post(url, {"new_link": "1"}).status_code == 200
        refused = client.post(url, {"new_link": "1"})
        assert refused.status_code == 429
        assert "probeer het over een uur opnieuw" in text(refused)
        assert len(mail.outbox) == 3


class TestChoosingWhenConfirming:
    @pytest.fixture
    def waiting(self):
        return Subscriber.objects.create(email="nieuw@example.nl", source="footer")

    def confirm_url(self, subscriber):
        return f"{reverse('newsletter:confirm')}?t={CONFIRM.make(subscriber.pk)}"

    def test_the_confirmation_step_offers_the_choice_with_every_article_chosen(
        self, client, waiting, themes
    ):
        response = client.get(self.confirm_url(waiting))
        assert response.status_code == 200
        assert checked(response, "preference") == {EVERY}
        page = text(response)
        assert "Wat wil je ontvangen?" in page
        assert "Elk nieuw artikel" in page
        assert "Alleen artikelen over de thema's die ik kies" in page
        assert "Eén keer per maand een overzicht" in page
        assert "Leerlingenzorg" in page

    def test_confirming_with_the_monthly_overview(
        self, client, waiting, themes, django_capture_on_commit_callbacks
    ):
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(self.confirm_url(waiting), {"preference": DIGEST})
        assert response.status_code == 200
        waiting.refresh_from_db()
        assert (waiting.status, waiting.preference) == (Subscriber.Status.CONFIRMED, DIGEST)
        welcome = mail.outbox[-1]
        assert "één keer per maand een overzicht" in welcome.body
        assert link_in(welcome.body, PREFERENCES_PATH)
        assert link_in(welcome.alternatives[0][0], PREFERENCES_PATH)

    def test_confirming_with_themes_names_them_in_the_welcome(
        self, client, waiting, themes, django_capture_on_commit_callbacks
    ):
        chosen = [themes["passend-onderwijs"].pk, themes["morele-reflectie"].pk]
        with django_capture_on_commit_callbacks(execute=True):
            client.post(self.confirm_url(waiting), {"preference": THEMES, "themes": chosen})
        waiting.refresh_from_db()
        assert set(waiting.themes.values_list("pk", flat=True)) == set(chosen)
        assert "Morele reflectie, Passend onderwijs" in mail.outbox[-1].body

    def test_a_choice_without_themes_does_not_confirm(self, client, waiting, themes):
        response = client.post(self.confirm_url(waiting), {"preference": THEMES})
        assert response.status_code == 400
        assert "Kies minstens één thema" in text(response)
        waiting.refresh_from_db()
        assert waiting.status == Subscriber.Status.PENDING
        assert mail.outbox == []

    def test_confirming_without_a_choice_is_every_article(self, client, waiting):
        client.post(self.confirm_url(waiting))
        waiting.refresh_from_db()
        assert (waiting.status, waiting.preference) == (Subscriber.Status.CONFIRMED, EVERY)

    def test_confirming_again_changes_nothing_and_leads_to_the_preferences(
        self, client, waiting, themes
    ):
        url = self.confirm_url(waiting)
        client.post(url, {"preference": DIGEST})
        again = client.post(url, {"preference": THEMES, "themes": [themes["leerlingenzorg"].pk]})
        assert again.status_code == 200
        waiting.refresh_from_db()
        assert waiting.preference == DIGEST
        link = soup(again).find("a", attrs={"data-preferences-link": True})["href"]
        assert link.startswith("http")
        assert PREFERENCES_PATH in link
        assert checked(client.get(link), "preference") == {DIGEST}


def test_the_sign_up_forms_on_pages_stay_short(client, blog_index):
    """The choice comes after confirming: the footer's form is what it was."""
    form = soup(client.get("/blog/")).find("footer").find("form", class_="newsletter-form")
    names = {field["name"] for field in form.find_all(["input", "select", "textarea"])}
    assert names == {"csrfmiddlewaretoken", "email", "consent", "source", "website"}


def test_unsubscribing_forgets_the_choice(themes):
    erik = confirmed_subscriber("erik@example.nl", THEMES, [themes["leerlingenzorg"]])
    erik.unsubscribe()
    erik.refresh_from_db()
    assert (erik.email, erik.preference, erik.themes.count()) == ("", EVERY, 0)


def test_existing_subscribers_keep_every_article():
    """Rows written without the ORM (as the migration fills the column, and the
    newsletter benchmark's COPY) get every article from the database's default."""
    from django.db import connection

    now = timezone.now()
    with connection.cursor() as cursor:
        cursor.execute(
            "INSERT INTO newsletter_subscriber (email, status, source, consent_text, created_at)"
            " VALUES (%s, %s, %s, %s, %s)",
            ["oud@example.nl", "confirmed", "footer", "Ja", now - datetime.timedelta(days=400)],
        )
    assert Subscriber.objects.get(email="oud@example.nl").preference == EVERY


MARKER = "<script>alert('x')</script>"
HOSTILE = st.one_of(
    st.sampled_from([MARKER, "\x00", "x" * 100_000, "1; DROP TABLE themes_theme", "-1", " 1"]),
    st.text(max_size=500),
)


@hypothesis_settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(preference=HOSTILE, themes=st.lists(HOSTILE, max_size=80))
def test_hostile_values_never_break_the_page_nor_store_anything(client, anna, preference, themes):
    response = client.post(preferences_url(anna), {"preference": preference, "themes": themes})
    # 413: more than a public form may send (core.middleware), refused before it is read.
    assert response.status_code in (200, 400, 413)
    assert MARKER not in response.content.decode()
    anna.refresh_from_db()
    if response.status_code != 200:
        assert (anna.preference, anna.themes.count()) == (EVERY, 0)
    else:  # an empty choice and no themes: every new article, as it was
        assert anna.preference == EVERY
