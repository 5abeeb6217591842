"""What a reader reads: a page's prose for other values of its numbers, and
the size of a figure's text on a phone.

Generated sentences must read right whatever the build computed:
``rendered`` gives a page with some of the lesson values replaced, so that a
test can read the sentence for each outcome the text distinguishes.
"""

import copy
import json
import re
from pathlib import Path

from tutorial_code.sitebuild.markdown_ext import substitute_values
from tutorial_code.sitebuild.results import LessonResults

from ..conftest import DOCS, RESULTS


class ChangedResults:
    """The build's lesson results, with some values replaced."""

    def __init__(self, changes: dict[str, object]) -> None:
        self.built = LessonResults(RESULTS)
        self.changes = changes  # "<chapter>.<lesson>.<name>": value

    def __getitem__(self, lesson_id: str) -> dict:
        results = copy.deepcopy(self.built[lesson_id])
        for name, value in self.changes.items():
            lesson, _, variable = name.rpartition(".")
            if lesson == lesson_id:
                results["values"][variable] = value
        return results


def rendered(page: str, **changes: object) -> str:
    """The prose of ``docs/<page>.md``, values substituted, lines joined,
    bold and code marks left out.

    ``changes`` replaces values: ``rendered("a/b", a__b__n=3)`` reads the
    page with ``a.b.n`` equal to 3.
    """
    results = ChangedResults(
        {name.replace("__", "."): value for name, value in changes.items()}
    )
    markdown = (DOCS / f"{page}.md").read_text(encoding="utf-8")
    prose = re.sub(r"```.*?```", "", markdown, flags=re.DOTALL)
    text = substitute_values(prose, results, markup=False)
    return re.sub(r"\s+", " ", text.replace("**", "").replace("`", ""))


# The narrowest column a figure is shown in (a 390 px phone), and the
# smallest text, in CSS pixels, that is readable there.
PHONE_COLUMN_PX, MIN_PHONE_TEXT_PX = 358, 6.5


def phone_text_px(folder: Path, section: str) -> float:
    """The smallest text of a section's figure, in CSS pixels on a phone."""
    results = json.loads((folder / "results.json").read_text(encoding="utf-8"))
    figure = results["figures"][section]
    scale = min(1, PHONE_COLUMN_PX / figure["width"])
    return figure["min_font_pt"] * 100 / 72 * scale
