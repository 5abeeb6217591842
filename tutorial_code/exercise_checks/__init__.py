"""Checks for the exercises at the end of each chapter, one module per chapter.

In a notebook or a script::

    from tutorial_code.exercise_checks.algorithm import assign_with_a_loop

    def assign(points, centres):
        ...  # your code, where the exercise has ____

    assign_with_a_loop.check(assign)

Importing any chapter's checks makes the blank ``____`` known to the
session (a builtin name): starter code uses it without an import.
``check`` prints "Correct: ...", "Not yet: ..." with what is wrong (each
typical mistake has its own explanation), "Not answered yet: ..." while a
``____`` is left, or "Cannot check this: ..." with what the check needs.
``verdict`` returns the same as a ``Verdict`` without printing.
"""

from tutorial_code.exercise_checks.core import (
    Exercise,
    Verdict,
    ____,
    claim_each_checked,
)

__all__ = ["Exercise", "Verdict", "____", "claim_each_checked"]
