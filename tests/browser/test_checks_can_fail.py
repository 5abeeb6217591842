"""Each check fails on a page with the fault it looks for.

The home page is served with one fault injected at a time; the same check
functions that pass on the real pages must report it. The checks read the
page, not its address: the site's own mount is enough.
"""

import base64
import io

import numpy as np
import pytest
from PIL import Image

from .conftest import offline_context
from .visit import (
    PHONE,
    figure_background_problems,
    full_size_problems,
    image_problems,
    open_figure_at_full_size,
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


def white_png() -> str:
    """A notebook's image inline: drawn on white."""
    data = io.BytesIO()
    Image.new("RGB", (60, 40), "white").save(data, format="PNG")
    encoded = base64.b64encode(data.getvalue()).decode()
    return f"data:image/png;base64,{encoded}"


@pytest.mark.parametrize(
    "src",
    [
        "figures/digits/loading_and_fitting/n_init_plot-light.webp",
        "inline",
    ],
    ids=["light variant", "notebook image"],
)
def test_a_figure_drawn_for_white_on_a_dark_page_is_reported(
    context, deployed_url, src
):
    src = white_png() if src == "inline" else src
    serve_with(
        context, deployed_url, f'<img src="{src}" alt="Drawn for white pages">'
    )
    page, _ = open_page(context, deployed_url, "dark", "load")
    assert figure_background_problems(page)


def test_a_transparent_figure_opened_in_dark_mode_is_reported(
    context, deployed_url
):
    """As the figures were: their background transparent, so that the
    browser's image viewer shows the dark variant's light text on its own
    light grey."""

    def transparent(route):
        response = route.fetch()
        with Image.open(io.BytesIO(response.body())) as image:
            rgba = np.array(image.convert("RGBA"))
        corner = rgba[0, 0, :3].astype(int)
        background = np.abs(rgba[..., :3] - corner).max(axis=-1) <= 2
        rgba[background, 3] = 0
        data = io.BytesIO()
        Image.fromarray(rgba).save(data, format="WEBP", lossless=True)
        route.fulfill(response=response, body=data.getvalue())

    context.route("**/*-dark.webp", transparent)
    page, _ = open_page(context, deployed_url, "dark", "load")
    open_figure_at_full_size(page)
    assert full_size_problems(page, "dark")


def test_a_clean_page_passes(context, deployed_url):
    page, visit = open_page(context, deployed_url, "dark", "load")
    assert page_problems(visit) == []
    assert image_problems(visit) == []
    assert figure_background_problems(page) == []


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
