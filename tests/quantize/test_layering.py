"""Lessons may use the library; the library never imports a lesson.

A lesson chapter is a package of ``tutorial_code`` with a folder of pages of
the same name in ``docs/``. Every other module (the ``quantize`` library, the
site machinery) must not import from a lesson chapter: a lesson is a story
that runs on import, and the command would run it.
"""

import ast
from pathlib import Path

PROJECT = Path(__file__).resolve().parents[2]
PACKAGE = PROJECT / "tutorial_code"


def lesson_chapters() -> set[str]:
    return {
        folder.name
        for folder in PACKAGE.iterdir()
        if folder.is_dir() and (PROJECT / "docs" / folder.name).is_dir()
    }


def imported_modules(path: Path, root: Path = PROJECT) -> list[str]:
    """Every module that ``path`` imports, as an absolute dotted name."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    package = path.relative_to(root).with_suffix("").parts[:-1]
    modules = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            modules += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:  # relative: from the module's own package up
                base = package[: len(package) - node.level + 1]
                module = ".".join([*base, node.module or ""]).rstrip(".")
            else:
                module = node.module or ""
            modules.append(module)
            # `from tutorial_code import digits` imports a chapter too.
            modules += [f"{module}.{alias.name}" for alias in node.names]
    return modules


def chapter_of(module: str, chapters: set[str]) -> str | None:
    parts = module.split(".")
    if len(parts) > 1 and parts[0] == "tutorial_code" and parts[1] in chapters:
        return parts[1]
    return None


def test_there_are_lesson_chapters_and_library_modules():
    chapters = lesson_chapters()
    assert {"digits", "colours"} <= chapters
    assert "quantize" not in chapters
    assert "sitebuild" not in chapters


# The exercise checks belong to their chapters: they may use a chapter's
# shared code (its CIELAB formulas, its frames), never one of its lessons.
CHAPTER_CHECKS = "exercise_checks"


def is_lesson(module: str, chapters: set[str]) -> bool:
    """Whether ``module`` (or the module an imported name is from) is a
    lesson: a module of a chapter with a page of its name."""
    parts = module.split(".")
    return chapter_of(module, chapters) is not None and any(
        (PROJECT / "docs" / parts[1] / f"{name}.md").is_file()
        for name in parts[2:3]
    )


def test_no_module_outside_the_lesson_chapters_imports_one():
    chapters = lesson_chapters()
    offending = []
    for path in sorted(PACKAGE.rglob("*.py")):
        own = path.relative_to(PACKAGE).parts[0]
        if own in chapters:
            continue
        for module in imported_modules(path):
            if own == CHAPTER_CHECKS:
                wrong = is_lesson(module, chapters)
            else:
                wrong = chapter_of(module, chapters) is not None
            if wrong:
                offending.append(f"{path.relative_to(PROJECT)}: {module}")
    assert not offending, "library modules import lessons:\n" + "\n".join(
        offending
    )


def test_chapter_checks_may_use_shared_code_but_no_lesson():
    chapters = lesson_chapters()
    assert is_lesson("tutorial_code.colours.results", chapters)
    assert is_lesson("tutorial_code.colours.results.psnr", chapters)
    assert not is_lesson("tutorial_code.colours_further.lab.WHITE", chapters)
    assert not is_lesson("tutorial_code.quantize.quantizer", chapters)


def test_the_check_sees_a_library_module_that_imports_a_lesson(tmp_path):
    bad = tmp_path / "tutorial_code" / "quantize" / "bad.py"
    bad.parent.mkdir(parents=True)
    bad.write_text(
        "from tutorial_code.colours.results import psnr\n"
        "from ..digits import matching\n"
    )
    modules = imported_modules(bad, root=tmp_path)
    chapters = {"colours", "digits"}
    found = {chapter_of(m, chapters) for m in modules} - {None}
    assert found == {"colours", "digits"}
