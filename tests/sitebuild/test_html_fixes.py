"""The HTML rewrites, each on the markup it mends."""

from tutorial_code.sitebuild.html_fixes import (
    SEARCH_DIALOG,
    fix_notebook_page,
    name_search_dialog,
)

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
<img alt="No description has been provided for this image" src="a.png">
<img alt="No description has been provided for this image" src="b.png">
"""


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
    assert 'alt="Ten centres." src="a.png"' in html
    # no text from the pages: nbconvert's own stays (and the tests flag it)
    assert (
        'alt="No description has been provided for this image" src="b.png"'
        in html
    )
