"""The HTML rewrites, each on the markup it mends."""

import pytest

from tutorial_code.sitebuild.html_fixes import (
    SEARCH_DIALOG,
    fix_notebook_page,
    name_search_dialog,
    show_site_figures,
)

# nbconvert's image output, as the built notebook pages have it.
OUTPUT = (
    '<div class="jp-RenderedImage jp-OutputArea-output" tabindex="0">\n'
    '<img alt="No description has been provided for this image" class="" '
    'height="380" src="{src}" width="735"/>\n</div>'
)
FIGURES = "../../figures/chapter/lesson"

NOTEBOOK_PAGE = """<head>
<!-- Load mathjax -->
<script src="https://cdn.example/mathjax.js"></script>
<!-- End of mathjax configuration -->
<script src="https://cdn.example/mermaid.js"></script>
<script>var local = 1;</script>
</head>
<div class="highlight-ipynb hl-python"><pre>x = 1</pre></div>
<div class="highlight"><pre>pip install x</pre></div>
<div id="cell-id=cell-3"></div>
""" + "\n".join(
    OUTPUT.format(src=f"{FIGURES}/{name}-light.webp") for name in ("a", "b")
)


def test_the_search_dialog_gets_a_name():
    html = name_search_dialog(f"<body>{SEARCH_DIALOG}</div></body>")
    assert 'role="dialog" aria-label="Search">' in html


def test_notebook_pages_load_nothing_from_other_hosts():
    html = fix_notebook_page(NOTEBOOK_PAGE, [])
    assert "https://" not in html
    assert "var local = 1;" in html


def test_notebook_code_is_reachable_copyable_and_selectable():
    html = fix_notebook_page(NOTEBOOK_PAGE, [])
    assert 'hl-python" tabindex="0">' in html
    assert "<pre><code>pip install x</code></pre>" in html
    assert 'id="notebook-cell-3"' in html


def test_notebook_images_get_the_pages_alt_texts():
    html = fix_notebook_page(NOTEBOOK_PAGE, ["Ten centres.", None])
    assert html.count('<img alt="Ten centres."') == 2  # light and dark
    # no text from the pages: nbconvert's own stays (and the tests flag it)
    assert (
        html.count('<img alt="No description has been provided for this') == 2
    )


def test_notebook_images_are_the_sites_light_and_dark_figures():
    html = fix_notebook_page(NOTEBOOK_PAGE, ["Ten centres.", None])
    for scheme in ("light", "dark"):
        src = f"{FIGURES}/a-{scheme}.webp#only-{scheme}"
        assert (
            f'<a class="figure-link" href="{src}" title="Open full size">'
            f'<img alt="Ten centres." width="735" height="380" '
            f'loading="lazy" src="{src}"/></a>'
        ) in html
    assert 'src="../../figures/chapter/lesson/b-dark.webp#only-dark"' in html
    assert '-light.webp"' not in html  # none left unpaired


@pytest.mark.parametrize(
    "markup",
    [
        # nbconvert's image, inline: the notebook names no site figure
        OUTPUT.format(src="data:image/png;base64,iVBORw0KGgo="),
        # markup the rewrite does not know: one variant for both schemes
        f'<div class="jp-Image"><img src="{FIGURES}/a-light.webp"></div>',
    ],
    ids=["inline image", "unknown markup"],
)
def test_an_image_left_as_the_notebook_shows_it_fails_loudly(markup):
    with pytest.raises(ValueError, match="without the site's light and dark"):
        show_site_figures(markup)
