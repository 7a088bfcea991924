"""Pieces of pages kept until the content changes (caching.fragments); what
they do on the site's pages is in tests/blog/test_kept_pieces.py."""

import pytest
from django.template import Context, Template, TemplateSyntaxError
from django.test import RequestFactory

from caching import fragments, page_cache


def request():
    return RequestFactory().get("/")


class Renderer:
    def __init__(self):
        self.rendered = []

    def __call__(self, items):
        self.rendered.append(list(items))
        return [f"<p>{item}</p>" for item in items]


def test_only_the_missing_pieces_are_rendered_and_the_order_is_kept():
    render = Renderer()
    first = fragments.render_many(request(), "kaart", [1, 2], lambda n: [n], render)
    second = fragments.render_many(request(), "kaart", [3, 2, 1], lambda n: [n], render)
    assert first == ["<p>1</p>", "<p>2</p>"]
    assert second == ["<p>3</p>", "<p>2</p>", "<p>1</p>"]
    assert render.rendered == [[1, 2], [3]]


def test_pieces_vary_by_their_values_and_names():
    render = Renderer()
    fragments.render_many(request(), "kaart", [1], lambda n: [n, "h2"], render)
    fragments.render_many(request(), "kaart", [1], lambda n: [n, "h3"], render)
    fragments.render_many(request(), "tegel", [1], lambda n: [n, "h3"], render)
    assert render.rendered == [[1], [1], [1]]


def test_every_piece_is_rendered_again_after_a_change():
    render = Renderer()
    fragments.render_many(request(), "kaart", [1], lambda n: [n], render)
    page_cache.invalidate()
    fragments.render_many(request(), "kaart", [1], lambda n: [n], render)
    assert render.rendered == [[1], [1]]


def test_a_request_keeps_the_generation_it_started_with():
    """A piece rendered after a change made during the request is stored
    under the generation from before it: never read again."""
    render = Renderer()
    during = request()
    fragments.render_many(during, "kaart", [1], lambda n: [n], render)
    page_cache.invalidate()
    fragments.render_many(during, "kaart", [2], lambda n: [n], render)
    fragments.render_many(request(), "kaart", [2], lambda n: [n], render)
    assert render.rendered == [[1], [2], [2]]


def test_without_a_request_or_a_shared_cache_nothing_is_kept(settings):
    render = Renderer()
    fragments.render_many(None, "kaart", [1], lambda n: [n], render)
    fragments.render_many(None, "kaart", [1], lambda n: [n], render)
    settings.CONTENT_CACHE = False
    fragments.render_many(request(), "kaart", [1], lambda n: [n], render)
    fragments.render_many(request(), "kaart", [1], lambda n: [n], render)
    assert render.rendered == [[1], [1], [1], [1]]


def test_the_template_tag_keeps_its_contents_per_value():
    template = Template(
        '{% load fragments %}{% fragment "groet" naam %}Dag {{ naam }}{{ uur }}{% endfragment %}'
    )

    def render(**context):
        return template.render(Context({"request": request(), **context}))

    assert render(naam="Ilse", uur=", goedemorgen") == "Dag Ilse, goedemorgen"
    # What is not among the values does not change what was kept.
    assert render(naam="Ilse", uur=", goedemiddag") == "Dag Ilse, goedemorgen"
    assert render(naam="Bram", uur=", goedemiddag") == "Dag Bram, goedemiddag"


def test_the_template_tag_wants_a_quoted_name():
    with pytest.raises(TemplateSyntaxError, match="quoted name"):
        Template("{% load fragments %}{% fragment groet %}x{% endfragment %}")
