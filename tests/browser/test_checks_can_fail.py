"""Each check fails on a page with the fault it looks for.

The home page is served with one fault injected at a time; the same check
functions that pass on the real pages must report it. The checks read the
page, not its address: the site's own mount is enough.
"""

import pytest

from .conftest import offline_context
from .visit import (
    PHONE,
    dark_contrast_problems,
    image_problems,
    open_page,
    overflow_problems,
    page_problems,
)

FAULTS = {
    "external script": '<script src="https://example.org/tracker.js"></script>',
    "broken image": '<img src="figures/nowhere.webp" alt="A plot of nothing">',
    "image without alt": (
        '<img src="figures/digits/cluster_centres/centres-light.webp">'
    ),
    "placeholder alt": (
        '<img src="figures/digits/cluster_centres/centres-light.webp" '
        'alt="centres-light.webp">'
    ),
}


def serve_with(context, deployed_url: str, html: str) -> None:
    """Serve the home page with ``html`` added at the top of its content."""

    def inject(route):
        response = route.fetch()
        body = response.text().replace(
            '<article class="md-content__inner md-typeset">',
            f'<article class="md-content__inner md-typeset">{html}',
        )
        route.fulfill(response=response, body=body)

    context.route(deployed_url, inject)


@pytest.mark.parametrize("fault", FAULTS)
def test_a_fault_is_reported(context, deployed_url, fault):
    serve_with(context, deployed_url, FAULTS[fault])
    _, visit = open_page(context, deployed_url, "light", "load")
    problems = page_problems(visit) + image_problems(visit)
    assert problems, f"{fault} went unnoticed"


def test_a_light_figure_on_a_dark_page_is_reported(context, deployed_url):
    # The figure made for white pages, shown in dark mode.
    serve_with(
        context,
        deployed_url,
        '<img src="figures/digits/loading_and_fitting/n_init_plot-light.webp"'
        ' alt="Inertia per seed, drawn for a light page">',
    )
    page, _ = open_page(context, deployed_url, "dark", "load")
    assert dark_contrast_problems(page)


def test_a_clean_page_passes(context, deployed_url):
    page, visit = open_page(context, deployed_url, "dark", "load")
    assert page_problems(visit) == []
    assert image_problems(visit) == []
    assert dark_contrast_problems(page) == []


@pytest.mark.parametrize(
    "html",
    [
        '<pre style="overflow: hidden; white-space: pre">'
        + "x" * 300
        + "</pre>",
        '<p style="white-space: nowrap">' + "word " * 100 + "</p>",
    ],
    ids=["code cut off", "page wider than the phone"],
)
def test_what_does_not_fit_a_phone_is_reported(browser, deployed_url, html):
    context = offline_context(browser, viewport=PHONE)
    serve_with(context, deployed_url, html)
    page, _ = open_page(context, deployed_url, "light", "load")
    assert overflow_problems(page)
    context.close()
