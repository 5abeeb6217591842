"""What the tests of every chapter's exercise checks share."""

from tutorial_code.exercise_checks.core import Verdict

# Answers a check cannot judge: each gets one sentence, never a traceback.
BAD_INPUTS = [None, "four", [], [1, 2, 3], {"a": 1}, 3.5, object()]


def assert_one_sentence(verdict: Verdict) -> None:
    """A verdict's message is one line of prose, ending with a full stop."""
    assert "\n" not in verdict.message, verdict
    assert "Traceback" not in verdict.message, verdict
    assert verdict.message.rstrip().endswith((".", "?", ")")), verdict
