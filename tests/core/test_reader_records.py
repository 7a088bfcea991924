"""Readers' records and mailings are listed by ModelViewSets, not snippets: no
chooser can pick one, saving one touches neither the reference index nor the
page cache, and nobody adds one."""

import pytest
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from wagtail.models import ReferenceIndex
from wagtail.snippets.models import get_snippet_models

from caching import page_cache
from contributions.models import Pitch, Story
from newsletter.models import Mailing, Subscriber
from resources.models import DownloadRequest

pytestmark = pytest.mark.django_db

RECORDS = {
    Subscriber: "subscribers",
    Mailing: "mailings",
    Story: "stories",
    Pitch: "pitches",
    DownloadRequest: "download_requests",
}
MODELS = pytest.mark.parametrize("model", RECORDS, ids=lambda model: model.__name__)


@MODELS
def test_no_snippet_listing_or_chooser_exists(model, editor):
    opts = model._meta
    assert model not in get_snippet_models()
    with pytest.raises(NoReverseMatch):
        reverse(f"wagtailsnippetchoosers_{opts.app_label}_{opts.model_name}:choose")
    for path in (
        f"/admin/snippets/{opts.app_label}/{opts.model_name}/",
        f"/admin/snippets/choose/{opts.app_label}/{opts.model_name}/",
    ):
        assert editor.get(path).status_code == 404, path


@MODELS
def test_not_tracked_in_the_reference_index(model):
    assert not ReferenceIndex.is_indexed(model)


@MODELS
def test_nobody_adds_one_not_even_a_superuser(model, editor):
    add_url = reverse(f"{RECORDS[model]}:add")
    assert editor.get(add_url).url == reverse("wagtailadmin_home")
    index = editor.get(reverse(f"{RECORDS[model]}:index")).content.decode()
    assert add_url not in index


def test_a_readers_form_post_leaves_the_page_cache_as_it_was(home_page, client):
    generation, _ = page_cache.lookup("any")
    Subscriber.objects.create(email="lezer@example.nl", source="footer", created_at=timezone.now())
    Story.objects.create(sentence="Een zin.", consent_text="Ja.")
    assert page_cache.lookup("any")[0] == generation
