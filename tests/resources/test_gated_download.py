"""The gated download, as a reader goes through it: form, mail, link, file."""

import re
import time
from types import SimpleNamespace

import pytest
from django.core import mail, signing
from django.test import override_settings

from resources.links import DOWNLOAD_LINK
from resources.models import DownloadRequest, DownloadTally
from tests.resources.factories import PDF_BYTES, ResourcePageFactory

pytestmark = pytest.mark.django_db

VALID = {
    "email": "schoolleider@example.nl",
    "name": "Anna de Vries",
    "role": "school_leader",
    "consent": "on",
}


@pytest.fixture
def ebook(resource_index):
    return ResourcePageFactory(
        parent=resource_index, title="Het e-book", slug="e-book", access="gated"
    )


def downloads(resource):
    return sum(DownloadTally.objects.filter(resource=resource).values_list("count", flat=True))


def file_bytes(response):
    return b"".join(response.streaming_content)


def mailed_link(message):
    return re.search(r"https?://\S+/bedankt/\?link=\S+", message.body).group(0)


def file_link(thanks_page):
    return re.search(r'href="([^"]+/bestand/[^"]+)"', thanks_page.content.decode()).group(1)


class TestTheWholeFlow:
    def test_form_stores_mails_and_serves_the_exact_file(self, client, ebook):
        page = client.get("/downloads/e-book/")
        assert page.status_code == 200
        assert 'class="download-form"' in page.content.decode()
        assert ebook.document.url not in page.content.decode()

        response = client.post("/downloads/e-book/", VALID)
        assert response.status_code == 302
        stored = DownloadRequest.objects.get()
        assert (stored.resource_id, stored.email, stored.name, stored.role) == (
            ebook.pk,
            "schoolleider@example.nl",
            "Anna de Vries",
            "school_leader",
        )
        assert stored.newsletter is False
        assert "bewaart" in stored.consent_text  # the consent as the reader saw it, in Dutch

        thanks = client.get(response["Location"])
        assert thanks.status_code == 200
        assert "Je download start" in thanks.content.decode()
        assert "no-store" in thanks["Cache-Control"]

        assert len(mail.outbox) == 1
        message = mail.outbox[0]
        assert message.to == ["schoolleider@example.nl"]
        assert "Het e-book" in message.subject
        assert message.alternatives[0][1] == "text/html"
        link = mailed_link(message)
        assert link in message.alternatives[0][0]

        assert "Anna" not in message.body  # no text of the form's in our mail

        assert downloads(ebook) == 0
        served = client.get(file_link(thanks))
        assert served.status_code == 200
        assert served["Content-Disposition"].startswith("attachment")
        assert file_bytes(served) == PDF_BYTES
        assert downloads(ebook) == 1
        # The mailed link leads to the thank-you page (a scanner that opens it
        # counts no download), whose file link works just the same.
        from_mail = client.get(link)
        assert "Je download start" in from_mail.content.decode()
        assert downloads(ebook) == 1
        assert file_bytes(client.get(file_link(from_mail))) == PDF_BYTES
        assert downloads(ebook) == 2

    def test_only_a_real_download_is_counted(self, client, ebook):
        client.post("/downloads/e-book/", VALID)
        link = file_link(client.get(mailed_link(mail.outbox[0])))
        first = client.get(link)
        assert downloads(ebook) == 1
        # A browser checking whether its copy is still current, or asking for headers only.
        assert client.get(link, headers={"if-none-match": first["ETag"]}).status_code == 304
        assert client.head(link).status_code == 200
        assert downloads(ebook) == 1

    def test_newsletter_box_is_unticked_and_its_choice_is_stored(self, client, ebook):
        page = client.get("/downloads/e-book/").content.decode()
        checkbox = re.search(r'<input[^>]*name="newsletter"[^>]*>', page).group(0)
        assert "checked" not in checkbox
        client.post("/downloads/e-book/", {**VALID, "newsletter": "on"})
        assert DownloadRequest.objects.get().newsletter is True

    def test_the_ordinary_document_url_does_not_serve_a_gated_file(self, client, ebook):
        response = client.get(ebook.document.url)
        assert response.status_code == 302
        assert response["Location"] == "/downloads/e-book/"
        assert downloads(ebook) == 0

    def test_an_editor_can_still_open_the_gated_file_from_the_admin(self, admin_client, ebook):
        response = admin_client.get(ebook.document.url)
        assert response.status_code == 200
        assert file_bytes(response) == PDF_BYTES
        assert downloads(ebook) == 0  # an editor checking it is not a download

    def test_an_open_resource_is_served_and_counted_at_its_document_url(
        self, client, resource_index
    ):
        resource = ResourcePageFactory(parent=resource_index, slug="open", access="open")
        page = client.get("/downloads/open/").content.decode()
        assert resource.document.url in page
        assert "download-form" not in page
        assert file_bytes(client.get(resource.document.url)) == PDF_BYTES
        assert downloads(resource) == 1


class TestBadLinks:
    def test_a_tampered_link_gives_a_friendly_page_with_the_form(self, client, ebook):
        client.post("/downloads/e-book/", VALID)
        thanks = mailed_link(mail.outbox[0])
        for link in (thanks, file_link(client.get(thanks))):
            tampered = link[:-3] + ("A" if link[-3] != "A" else "B") + link[-2:]
            response = client.get(tampered)
            assert response.status_code == 400
            html = response.content.decode()
            assert "Deze downloadlink werkt niet" in html
            assert 'class="download-form"' in html
            assert "Traceback" not in html
        assert downloads(ebook) == 0

    @pytest.mark.parametrize("token", ["", "x", "..", "a" * 3000, "<script>", "e30:abc:def"])
    def test_garbage_tokens_never_fail(self, client, ebook, token):
        response = client.get("/downloads/e-book/bestand/", {"link": token})
        assert response.status_code == 400
        assert downloads(ebook) == 0

    def test_a_link_for_another_resource_does_not_open_this_one(
        self, client, ebook, resource_index
    ):
        other = ResourcePageFactory(parent=resource_index, slug="ander", access="gated")
        client.post("/downloads/ander/", VALID)
        query = mailed_link(mail.outbox[0]).split("?", 1)[1]
        response = client.get(f"/downloads/e-book/bestand/?{query}")
        assert response.status_code == 400
        assert downloads(ebook) == downloads(other) == 0

    @override_settings(RESOURCE_DOWNLOAD_LINK_MAX_AGE=3600)
    def test_an_expired_link_offers_a_fresh_one_without_showing_whose_it_was(
        self, client, ebook, monkeypatch
    ):
        client.post("/downloads/e-book/", VALID)
        link = file_link(client.get(mailed_link(mail.outbox[0])))
        assert client.get(link).status_code == 200
        # An hour and a half later, by the signing framework's clock.
        later = time.time() + 5400
        monkeypatch.setattr(signing, "time", SimpleNamespace(time=lambda: later))
        for expired in (link, mailed_link(mail.outbox[0])):
            response = client.get(expired)
            assert response.status_code == 410
            html = response.content.decode()
            assert "verlopen" in html
            assert 'class="download-form"' in html
            # Whoever holds an old link (a forwarded mail) sees nothing of the reader.
            assert "schoolleider@example.nl" not in html
            assert "Anna" not in html
            assert "no-store" in response["Cache-Control"]
            assert response["X-Robots-Tag"] == "noindex"
        assert downloads(ebook) == 1  # only the download before it expired

    def test_a_link_of_a_resource_made_open_since_leads_to_its_page(self, client, ebook):
        client.post("/downloads/e-book/", VALID)
        ebook.access = "open"
        ebook.save_revision().publish()
        response = client.get(mailed_link(mail.outbox[0]))
        assert response.status_code == 302
        assert response["Location"] == "/downloads/e-book/"

    def test_a_link_whose_request_was_erased_no_longer_works(self, client, ebook):
        client.post("/downloads/e-book/", VALID)
        DownloadRequest.objects.all().delete()
        assert client.get(mailed_link(mail.outbox[0])).status_code == 400

    def test_a_signed_token_of_the_wrong_shape_is_refused(self, client, ebook):
        for payload in (["list"], {"r": ebook.pk, "q": "1"}, {"r": str(ebook.pk), "q": 1}):
            token = signing.dumps(payload, salt=DOWNLOAD_LINK.salt)
            response = client.get("/downloads/e-book/bestand/", {"link": token})
            assert response.status_code == 400


class TestBadInput:
    def post(self, client, **changes):
        data = {**VALID, **changes}
        data = {key: value for key, value in data.items() if value is not None}
        return client.post("/downloads/e-book/", data)

    @pytest.mark.parametrize(
        ("changes", "message"),
        [
            ({"email": ""}, "Vul je e-mailadres in."),
            ({"email": None}, "Vul je e-mailadres in."),
            ({"email": "geen-adres"}, "Vul een geldig e-mailadres in"),
            ({"email": "a@b.nl\r\nBcc: x@y.nl"}, "Vul een geldig e-mailadres in"),
            ({"email": "x" * 250 + "@example.nl"}, "Gebruik hoogstens 254 tekens"),
            ({"consent": None}, "Zonder je toestemming"),
            ({"name": "A" * 101}, "Gebruik hoogstens 100 tekens"),
            ({"name": "<script>alert(1)</script>"}, "Laat de tekens &lt; en &gt; weg"),
            ({"role": "directeur-bestuurder"}, "Selecteer een geldige keuze"),
        ],
    )
    def test_is_refused_in_dutch_keeping_the_values_and_storing_nothing(
        self, client, ebook, changes, message
    ):
        response = self.post(client, **changes)
        assert response.status_code == 400
        html = response.content.decode()
        assert message in html
        assert "Je aanvraag is nog niet verstuurd" in html
        assert DownloadRequest.objects.count() == 0
        assert mail.outbox == []
        if changes.get("email", VALID["email"]) == VALID["email"]:
            assert 'value="schoolleider@example.nl"' in html
        assert "<script>alert(1)</script>" not in html

    def test_a_filled_in_honeypot_stores_and_sends_nothing(self, client, ebook):
        response = self.post(client, website="https://spam.example")
        assert response.status_code == 400
        assert "ziet er geautomatiseerd uit" in response.content.decode()
        assert DownloadRequest.objects.count() == 0
        assert mail.outbox == []

    def test_too_many_requests_for_one_address_are_refused(self, client, ebook, resource_index):
        other = ResourcePageFactory(parent=resource_index, slug="ander", access="gated")
        for _ in range(5):
            assert self.post(client).status_code == 302
        # The same address, in other letters and for another file: still the same reader.
        response = client.post("/downloads/ander/", {**VALID, "email": "SchoolLeider@Example.nl"})
        assert response.status_code == 429
        assert "een paar keer" in response.content.decode()
        assert DownloadRequest.objects.count() == 5
        assert not DownloadRequest.objects.filter(resource=other).exists()
        assert len(mail.outbox) == 5
        # Another reader is not held back.
        assert self.post(client, email="ib@example.nl").status_code == 302

    def test_a_broken_cache_still_limits_in_this_process(self, client, ebook, monkeypatch):
        from django.core.cache import cache
        from django.core.cache.backends.locmem import LocMemCache

        from core import rate_limit

        def down(*args, **kwargs):
            raise ConnectionError("Redis is down")

        monkeypatch.setattr(cache, "add", down)
        monkeypatch.setattr(rate_limit, "_process_counts", LocMemCache("test-counts", {}))
        for _request in range(5):
            assert self.post(client).status_code == 302
        assert self.post(client).status_code == 429
        assert DownloadRequest.objects.count() == 5

    def test_a_post_to_an_open_resource_stores_nothing(self, client, resource_index):
        ResourcePageFactory(parent=resource_index, slug="open", access="open")
        response = client.post("/downloads/open/", VALID)
        assert response.status_code == 200
        assert DownloadRequest.objects.count() == 0

    def test_the_name_never_reaches_the_mail(self, client, ebook):
        # Otherwise anyone could make us mail their words to any address.
        self.post(client, name="Anna\nBezoek http://spam.example nu")
        message = mail.outbox[0]
        assert "spam.example" not in message.body
        assert "spam.example" not in message.alternatives[0][0]
        assert message.body.startswith("Hallo,")


class TestFailingMail:
    @override_settings(EMAIL_BACKEND="tests.resources.failing_mail.FailingBackend")
    def test_the_reader_still_gets_the_file_when_the_mail_cannot_be_sent(self, client, ebook):
        response = client.post("/downloads/e-book/", VALID)
        assert response.status_code == 302
        assert DownloadRequest.objects.count() == 1
        thanks = client.get(response["Location"])
        file_link = re.search(r'href="([^"]+/bestand/[^"]+)"', thanks.content.decode()).group(1)
        assert file_bytes(client.get(file_link)) == PDF_BYTES


def test_a_readers_request_leaves_the_page_cache_in_place(client, ebook, settings):
    settings.PAGE_CACHE = True
    client.get("/downloads/")
    assert client.get("/downloads/")["X-Page-Cache"] == "hit"
    client.post("/downloads/e-book/", VALID)
    assert DownloadRequest.objects.count() == 1
    client.cookies.clear()  # the form's CSRF cookie; a reader elsewhere has none
    assert client.get("/downloads/")["X-Page-Cache"] == "hit"
