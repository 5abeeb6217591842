"""The Markdown extension that puts lesson results into pages."""

import json
import logging
import re

import markdown
import pytest

from tutorial_code.sitebuild.markdown_ext import (
    format_seconds,
    format_value,
    get_the_code,
    install_checks,
)

RESULTS = {
    "values": {
        "accuracy": 0.7921,
        "sizes": [3, 5, 8],
        "largest": 2,
        "none": [],
        "fastest_seconds": "octree",
    },
    "outputs": {"fit": "shape: (10, 64)\n\nok\n"},
    "claims": {"beats": "the model beats the baseline"},
    "figures": {
        "plot": {
            "light": "plot-light.png",
            "dark": "plot-dark.png",
            "width": 300,
            "height": 200,
        }
    },
}


@pytest.fixture
def render(tmp_path):
    """Markdown with the extension, reading results from ``tmp_path``."""
    lesson = tmp_path / "chapter" / "lesson"
    lesson.mkdir(parents=True)
    (lesson / "results.json").write_text(json.dumps(RESULTS))
    docs = tmp_path / "docs"
    (docs / "chapter").mkdir(parents=True)
    (docs / "chapter" / "lesson.md").write_text("# A lesson\n\nText.\n")

    def render(text: str) -> str:
        md = markdown.Markdown(
            extensions=[
                "tutorial_code.sitebuild.markdown_ext",
                "attr_list",
                "tables",
                "pymdownx.superfences",
            ],
            extension_configs={
                "tutorial_code.sitebuild.markdown_ext": {
                    "results_dir": str(tmp_path),
                    "docs_dir": str(docs),
                    # "slow" is read before "lesson", as in the navigation
                    "reading_order": ["chapter.slow", "chapter.lesson"],
                }
            },
        )
        return md.convert(text)

    return render


def test_values_take_a_format_spec(render):
    assert (
        render("Accuracy {{ chapter.lesson.accuracy:.1% }}.")
        == "<p>Accuracy 79.2%.</p>"
    )


def test_values_shown_as_code_stay_code_and_measurements_are_marked(render):
    html = render(
        "`{{ chapter.lesson.sizes[0] }}` and "
        "`{{ chapter.lesson.fastest_seconds }}`"
    )
    assert html == (
        '<p><code>3</code> and <span class="measurement"><code>octree</code>'
        "</span></p>"
    )


def test_items_by_number_or_by_another_value(render):
    html = render(
        "{{ chapter.lesson.sizes[0] }} and {{ chapter.lesson.sizes[largest] }}"
    )
    assert html == "<p>3 and 8</p>"


def test_lists_read_as_prose(render):
    assert render("{{ chapter.lesson.sizes }}") == "<p>3, 5 and 8</p>"
    assert render("{{ chapter.lesson.none }}") == "<p>none</p>"


@pytest.mark.parametrize(
    ("value", "text"),
    [([], "none"), ([1], "1"), ([1, 8], "1 and 8"), (0.5, "0.5")],
)
def test_format_value(value, text):
    assert format_value(value, "") == text


def test_output_becomes_a_text_block(render):
    html = render("{{ output chapter.lesson:fit }}")
    assert "<code" in html
    assert "shape: (10, 64)\n\nok" in html


def test_figure_has_light_and_dark_variants_with_alt_and_size(render):
    html = render('{{ figure chapter.lesson:plot "A line going up." }}')
    for scheme in ("light", "dark"):
        src = f"/figures/chapter/lesson/plot-{scheme}.png#only-{scheme}"
        assert f'src="{src}"' in html
        # each variant opens at full size with a click
        link = re.search(rf'<a [^>]*href="{src}"[^>]*>(.*?)</a>', html)
        assert link is not None
        assert "<img" in link[1]
    assert html.count('alt="A line going up."') == 2
    assert html.count('loading="lazy"') == 2
    assert 'width="300"' in html


def test_a_figures_alt_text_quotes_values_as_plain_text(render):
    html = render(
        '{{ figure chapter.lesson:plot "Up to {{ chapter.lesson.accuracy:.0%}}'
        ', made {{ chapter.lesson.fastest_seconds }}." }}'
    )
    assert html.count('alt="Up to 79%, made octree."') == 2


@pytest.mark.parametrize(
    "text",
    [
        "{{ chapter.lesson.unknown }}",
        "{{ chapter.other.accuracy }}",
        "{{ chapter.lesson.sizes[9] }}",
        "{{ output chapter.lesson:nothing }}",
        '{{ figure chapter.lesson:nothing "Alt." }}',
        "{{ figure chapter.lesson:plot }}",
        "It wins{{ claim chapter.lesson:loses }}.",
    ],
)
def test_unknown_names_warn_and_show(render, text, caplog):
    with caplog.at_level(logging.WARNING):
        html = render(text)
    assert "[missing:" in html
    assert any(r.name.startswith("mkdocs.") for r in caplog.records), (
        "strict builds must fail"
    )


def test_a_checked_claim_marks_its_sentence_and_shows_nothing(render, caplog):
    with caplog.at_level(logging.WARNING):
        html = render("It beats the baseline{{ claim chapter.lesson:beats }}.")
    assert html == "<p>It beats the baseline.</p>"
    assert not caplog.records


def add_lesson(results_dir, chapter: str, name: str, run: dict | None) -> None:
    folder = results_dir / chapter / name
    folder.mkdir(parents=True)
    results = {**RESULTS, "run": run} if run else RESULTS
    (folder / "results.json").write_text(json.dumps(results))


def test_execution_times_list_every_lesson_and_the_total(render, tmp_path):
    (tmp_path / "chapter/lesson").joinpath("results.json").write_text(
        json.dumps({**RESULTS, "run": {"seconds": 1.5, "peak_megabytes": 9}})
    )
    add_lesson(
        tmp_path, "chapter", "slow", {"seconds": 12.25, "peak_megabytes": 80.5}
    )
    html = render("{{ execution_times }}")
    rows = re.findall(r"<tr>(.*?)</tr>", html, re.DOTALL)
    cells = [re.findall(r"<t[dh][^>]*>(.*?)</t[dh]>", row) for row in rows]
    # in reading order, not alphabetical
    assert cells[1][1:] == ["12.25 s", "80.5 MB"]
    assert 'href="/chapter/slow.md"' in cells[1][0]  # no page: its file name
    assert cells[2] == [
        '<a href="/chapter/lesson.md">A lesson</a>',
        "1.50 s",
        "9.0 MB",
    ]
    assert "13.75 s" in cells[3][1]
    assert "scikit-learn" in html


@pytest.mark.parametrize(
    ("seconds", "text"),
    [
        (0.0004, "0.4 ms"),
        (0.0123, "12.3 ms"),
        (0.1, "0.10 s"),
        (4.5, "4.50 s"),
    ],
)
def test_run_times_never_read_zero(seconds, text):
    assert format_seconds(seconds) == text


def test_execution_times_without_runs_warn(render, tmp_path, caplog):
    with caplog.at_level(logging.WARNING):
        html = render("{{ execution_times }}")
    assert "missing: run times" in html
    assert "No lesson result" in caplog.text


@pytest.mark.parametrize(
    ("value", "spec", "text"),
    [(True, "is|is not", "is"), (False, "is|is not", "is not"), (1, "d", "1")],
)
def test_true_or_false_values_take_words(value, spec, text):
    assert format_value(value, spec) == text


def test_get_the_code_clones_the_repository_when_its_address_is_known():
    lines = get_the_code("https://github.com/someone/kmeans-in-practice")
    assert "git clone https://github.com/someone/kmeans-in-practice" in lines
    assert "cd kmeans-in-practice" in lines
    assert any(line.startswith("make serve") for line in lines)


def test_get_the_code_says_what_to_do_without_an_address():
    lines = get_the_code("")
    assert not any("git clone" in line for line in lines)
    assert "source repository" in lines[0]
    assert any(line.startswith("make serve") for line in lines)


def test_install_checks_installs_the_repository_when_its_address_is_known():
    lines = install_checks("https://github.com/someone/kmeans-in-practice/")
    assert (
        'pip install "git+https://github.com/someone/kmeans-in-practice"'
        in (lines)
    )


def test_install_checks_says_what_to_do_without_an_address():
    lines = install_checks("")
    assert "source repository" in lines[0]
    assert "pip install ." in lines
