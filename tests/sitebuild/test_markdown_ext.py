"""The Markdown extension that puts lesson results into pages."""

import json
import logging
import re

import markdown
import pytest

from tutorial_code.sitebuild.markdown_ext import format_value

RESULTS = {
    "values": {
        "accuracy": 0.7921,
        "sizes": [3, 5, 8],
        "largest": 2,
        "none": [],
    },
    "outputs": {"fit": "shape: (10, 64)\n\nok\n"},
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
    lesson = tmp_path / "half" / "lesson"
    lesson.mkdir(parents=True)
    (lesson / "results.json").write_text(json.dumps(RESULTS))
    docs = tmp_path / "docs"
    (docs / "half").mkdir(parents=True)
    (docs / "half" / "lesson.md").write_text("# A lesson\n\nText.\n")

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
                }
            },
        )
        return md.convert(text)

    return render


def test_values_take_a_format_spec(render):
    assert (
        render("Accuracy {{ half.lesson.accuracy:.1% }}.")
        == "<p>Accuracy 79.2%.</p>"
    )


def test_items_by_number_or_by_another_value(render):
    html = render(
        "{{ half.lesson.sizes[0] }} and {{ half.lesson.sizes[largest] }}"
    )
    assert html == "<p>3 and 8</p>"


def test_lists_read_as_prose(render):
    assert render("{{ half.lesson.sizes }}") == "<p>3, 5 and 8</p>"
    assert render("{{ half.lesson.none }}") == "<p>none</p>"


@pytest.mark.parametrize(
    ("value", "text"),
    [([], "none"), ([1], "1"), ([1, 8], "1 and 8"), (0.5, "0.5")],
)
def test_format_value(value, text):
    assert format_value(value, "") == text


def test_output_becomes_a_text_block(render):
    html = render("{{ output half.lesson:fit }}")
    assert "<code" in html
    assert "shape: (10, 64)\n\nok" in html


def test_figure_has_light_and_dark_variants_with_alt_and_size(render):
    html = render('{{ figure half.lesson:plot "A line going up." }}')
    for scheme in ("light", "dark"):
        assert (
            f'src="/figures/half/lesson/plot-{scheme}.png#only-{scheme}"'
            in html
        )
    assert html.count('alt="A line going up."') == 2
    assert html.count('loading="lazy"') == 2
    assert 'width="300"' in html


@pytest.mark.parametrize(
    "text",
    [
        "{{ half.lesson.unknown }}",
        "{{ half.other.accuracy }}",
        "{{ half.lesson.sizes[9] }}",
        "{{ output half.lesson:nothing }}",
        '{{ figure half.lesson:nothing "Alt." }}',
        "{{ figure half.lesson:plot }}",
    ],
)
def test_unknown_names_warn_and_show(render, text, caplog):
    with caplog.at_level(logging.WARNING):
        html = render(text)
    assert "[missing:" in html
    assert any(r.name.startswith("mkdocs.") for r in caplog.records), (
        "strict builds must fail"
    )


def add_lesson(results_dir, half: str, name: str, run: dict | None) -> None:
    folder = results_dir / half / name
    folder.mkdir(parents=True)
    results = {**RESULTS, "run": run} if run else RESULTS
    (folder / "results.json").write_text(json.dumps(results))


def test_execution_times_list_every_lesson_and_the_total(render, tmp_path):
    (tmp_path / "half/lesson").joinpath("results.json").write_text(
        json.dumps({**RESULTS, "run": {"seconds": 1.5, "peak_megabytes": 9}})
    )
    add_lesson(
        tmp_path, "half", "slow", {"seconds": 12.25, "peak_megabytes": 80.5}
    )
    html = render("{{ execution_times }}")
    rows = re.findall(r"<tr>(.*?)</tr>", html, re.DOTALL)
    cells = [re.findall(r"<t[dh][^>]*>(.*?)</t[dh]>", row) for row in rows]
    assert cells[2][1:] == ["12.25 s", "80.5 MB"]
    assert 'href="/half/slow.md"' in cells[2][0]  # no page: its file name
    assert cells[1] == [
        '<a href="/half/lesson.md">A lesson</a>',
        "1.50 s",
        "9.0 MB",
    ]
    assert "13.75 s" in cells[3][1]
    assert "scikit-learn" in html


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
