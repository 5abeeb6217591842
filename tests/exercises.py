"""What the tests of every chapter's exercise checks share."""

import importlib
import pkgutil

from tutorial_code import exercise_checks
from tutorial_code.exercise_checks.core import WRONG, Exercise, Verdict

# Answers a check cannot judge: each gets one sentence, never a traceback.
BAD_INPUTS = [None, "four", [], [1, 2, 3], {"a": 1}, 3.5, object()]


def assert_one_sentence(verdict: Verdict) -> None:
    """A verdict's message is one line of prose, ending with a full stop."""
    assert "\n" not in verdict.message, verdict
    assert "Traceback" not in verdict.message, verdict
    assert verdict.message.rstrip().endswith((".", "?", ")")), verdict


def wrong(exercise, answer, *words: str) -> None:
    """The check rejects ``answer``, in one sentence naming ``words``."""
    found = exercise.verdict(answer)
    assert found.status == WRONG, found
    for word in words:
        assert word in found.message, found
    assert_one_sentence(found)


def all_exercises() -> list[Exercise]:
    """Every exercise of every chapter's checks."""
    found = []
    for module in pkgutil.iter_modules(exercise_checks.__path__):
        if module.name != "core":
            checks = importlib.import_module(
                f"{exercise_checks.__name__}.{module.name}"
            )
            found += [
                x for x in vars(checks).values() if isinstance(x, Exercise)
            ]
    return found
