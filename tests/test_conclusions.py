"""Conclusions follow from the numbers: no ranking word rests on nothing.

A sentence of a page that ranks or compares ("faster", "beats", "8 of 8")
must be chosen by a value the lesson computed or rest on a claim the lesson
checks (both written ``{{ ... }}``); and lessons time only through the fair
helper, ``tutorial_code.timing``.
"""

import re
from pathlib import Path

import pytest

from .conftest import DOCS, PROJECT

RANKING = re.compile(
    r"\b(faster|slower|fastest|slowest|quicker|quickest|beats?|beaten"
    r"|outperforms?|wins?|won|loses|lost|more slowly|more quickly|cheaper"
    r"|costlier|as fast as|\d+ of \d+)\b",
    re.IGNORECASE,
)
# Sentences whose ranking word states no result of a build, with why.
GENERAL = {
    # "beats" is a term the page defines (a smaller key), not a result.
    ("colours_further/fast_exact.md", "beats"),
    # How a fair timing works, not what it found.
    ("algorithm/scaling.md", "faster of"),
    ("algorithm/scaling.md", "fastest of"),
    # One start costs less than ten: arithmetic, not a measurement.
    ("digits/loading_and_fitting.md", "single run is cheaper"),
    # Why paired comparisons are less noisy: method, not a result.
    ("digits_further/few_labels.md", "pairwise wins"),
}
CLOCKS = re.compile(r"\btime\.(perf_counter|process_time|time|monotonic)\(")


def sentences(markdown: str) -> list[str]:
    """The prose's sentences, code blocks left out, lines joined."""
    prose = re.sub(r"```.*?```", "", markdown, flags=re.DOTALL)
    found = []
    for paragraph in re.split(r"\n\s*\n", prose):
        text = " ".join(line.strip() for line in paragraph.splitlines())
        found += re.split(r"(?<=[.!?:;])\s+", text)
    return found


def unsupported(page: str, markdown: str) -> list[str]:
    """Sentences with a ranking word and no computed value or claim."""
    return [
        sentence
        for sentence in sentences(markdown)
        if RANKING.search(sentence)
        and "{{" not in sentence
        and not any(
            page == where and phrase in sentence for where, phrase in GENERAL
        )
    ]


@pytest.mark.parametrize(
    "page",
    sorted(p.relative_to(DOCS).as_posix() for p in DOCS.rglob("*.md")),
)
def test_every_ranking_rests_on_the_numbers(page):
    found = unsupported(page, (DOCS / page).read_text(encoding="utf-8"))
    assert not found, (
        "a ranking with neither a computed value nor a checked claim "
        "(README, 'Writing a lesson'): " + " | ".join(found)
    )


def test_the_check_finds_a_typed_ranking():
    typed = "Intro.\n\nElkan was faster than Lloyd. Both agree.\n"
    chosen = "Elkan was {{ a.b.elkan_won:faster|slower }} than Lloyd.\n"
    claimed = "Elkan was faster{{ claim a.b:elkan_faster }}.\n"
    assert unsupported("x.md", typed) == ["Elkan was faster than Lloyd."]
    assert unsupported("x.md", chosen + claimed) == []
    assert unsupported("algorithm/scaling.md", "The fastest of 3 runs.") == []


def lesson_files() -> list[Path]:
    code = PROJECT / "tutorial_code"
    return sorted(
        path
        for path in code.glob("*/*.py")
        if path.parent.name not in ("sitebuild", "quantize")
    )


@pytest.mark.parametrize(
    "path", lesson_files(), ids=lambda p: f"{p.parent.name}/{p.name}"
)
def test_lessons_time_only_through_the_fair_helper(path):
    found = CLOCKS.search(path.read_text(encoding="utf-8"))
    assert not found, (
        f"{found and found[0]}: time with tutorial_code.timing.best_seconds "
        "(a warm-up call, then the best of several)"
    )


def test_the_clock_check_finds_a_first_call_timed():
    assert CLOCKS.search("start = time.perf_counter()\nfit(X)")
    assert not CLOCKS.search("seconds = best_seconds(fit, X)")
