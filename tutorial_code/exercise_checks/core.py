"""What every exercise check shares: blanks, verdicts, mistakes, bad input.

An exercise's check is a function that judges an answer: it returns the
sentence a correct answer gets, raises ``WrongAnswerError`` with the
explanation of a typical mistake, or ``BadInputError`` with one sentence
saying what it needs.
``Exercise`` wraps it: it says "not answered yet" while the answer still
holds a blank (``____``), turns an exception raised by the learner's own
code into one sentence, and prints the verdict.

Plain Python on purpose (NumPy is imported by the checks that need it), so
that the checks of plain-Python exercises can run where NumPy cannot.
"""

import builtins
import types
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

CORRECT, WRONG, NOT_ANSWERED, BAD_INPUT = (
    "correct",
    "wrong",
    "not answered",
    "bad input",
)


class _Blank:
    """The blank a learner fills in: ``____``."""

    _made = None

    def __new__(cls):
        if cls._made is None:
            cls._made = super().__new__(cls)
        return cls._made

    def __repr__(self) -> str:
        return "____"


____ = _Blank()
# Starter code uses the blank without importing it: any chapter's checks
# import this module, which makes ``____`` a name every session knows (as
# ``print`` is), so that the only ``____`` a learner sees is one to fill in.
builtins.____ = ____


class WrongAnswerError(Exception):
    """A wrong answer, with the explanation of what is wrong."""


class BadInputError(Exception):
    """An answer a check cannot judge, with one sentence saying why."""


@dataclass(frozen=True)
class Verdict:
    status: str  # CORRECT, WRONG, NOT_ANSWERED or BAD_INPUT
    message: str

    def __str__(self) -> str:
        heading = {
            CORRECT: "Correct",
            WRONG: "Not yet",
            NOT_ANSWERED: "Not answered yet",
            BAD_INPUT: "Cannot check this",
        }[self.status]
        return f"{heading}: {self.message}"


@dataclass
class Exercise:
    """One exercise: its check, and the page to reread when stuck."""

    name: str
    reread: str  # the title of the lesson page the exercise builds on
    judge: Callable[[Any], str]
    verdicts: list[Verdict] = field(default_factory=list, repr=False)

    def verdict(self, answer: Any) -> Verdict:
        """Judge ``answer`` without printing."""
        if holds_blank(answer):
            found = Verdict(
                NOT_ANSWERED,
                "replace each ____ with your code, then run this cell again.",
            )
        else:
            try:
                found = Verdict(CORRECT, self.judge(answer))
            except WrongAnswerError as mistake:
                found = Verdict(WRONG, str(mistake))
            except BadInputError as bad:
                found = Verdict(BAD_INPUT, str(bad))
            except Exception as error:  # the learner's code raised
                found = Verdict(WRONG, raised(error))
        self.verdicts.append(found)
        return found

    def check(self, answer: Any) -> None:
        """Judge ``answer`` and print the verdict (in a notebook or script)."""
        found = self.verdict(answer)
        print(found)
        if found.status not in (CORRECT, NOT_ANSWERED):
            print(f"(Stuck? The hint helps; reread “{self.reread}”.)")


def holds_blank(answer: Any) -> bool:
    """Whether ``answer`` is a blank, holds one, or is code that uses one."""
    if answer is ____:
        return True
    if isinstance(answer, (list, tuple, set, frozenset)):
        return any(holds_blank(item) for item in answer)
    if isinstance(answer, dict):
        return any(holds_blank(item) for item in answer.values())
    code = getattr(answer, "__code__", None)
    return code is not None and _code_uses_blank(code)


def _code_uses_blank(code: types.CodeType) -> bool:
    if "____" in code.co_names:
        return True
    nested = (c for c in code.co_consts if isinstance(c, types.CodeType))
    return any(_code_uses_blank(c) for c in nested)


def raised(error: Exception) -> str:
    """One sentence for an exception the learner's code raised."""
    text = str(error).strip().splitlines()
    detail = f": {text[0]}" if text else ""
    return (
        f"your code raised {type(error).__name__}{detail}. Run it on its "
        "own to see where."
    )


def call(function: Any, *args: Any) -> Any:
    """Call the learner's function; a clear sentence if it is none, or if
    it returns nothing."""
    if not callable(function):
        raise BadInputError(
            f"this check takes your function itself (its name, without "
            f"brackets), not {describe(function)}."
        )
    result = function(*args)
    if result is None:
        raise BadInputError(
            "your function returned None: did it forget to return its result?"
        )
    return result


def describe(value: Any) -> str:
    """A few words naming what ``value`` is, for a sentence."""
    if value is None:
        return "None"
    shape = getattr(value, "shape", None)
    if shape is not None and shape != ():
        return f"an array of shape {tuple(shape)}"
    if isinstance(value, (list, tuple)):
        items = "item" if len(value) == 1 else "items"
        return f"a {type(value).__name__} of {len(value)} {items}"
    if isinstance(value, (bool, int, float, str)):
        return f"the {type(value).__name__} {value!r}"
    return f"a value of type {type(value).__name__}"


def as_array(
    value: Any, what: str, shape: tuple | None = None, kind: str = "numeric"
):
    """``value`` as a NumPy array, or ``BadInputError`` in one sentence.

    ``shape`` may hold ``None`` for any length; ``kind`` "numeric" or
    "integer" (labels, indices).
    """
    import numpy as np

    if value is None or isinstance(value, (str, bytes, dict)):
        raise BadInputError(
            f"{what} should be an array, not {describe(value)}."
        )
    try:
        array = np.asarray(value)
    except (TypeError, ValueError):
        raise BadInputError(f"{what} should be an array of numbers.") from None
    if array.dtype.kind not in "biuf":
        first = array.flat[0] if array.size else None
        first = first.item() if hasattr(first, "item") else first
        raise BadInputError(
            f"{what} should hold numbers, not {describe(first)} and the like."
        )
    if kind == "integer" and array.dtype.kind == "f":
        if not np.all(np.isfinite(array)) or np.any(array != np.round(array)):
            raise BadInputError(f"{what} should hold whole numbers (indices).")
        array = array.astype(int)
    if shape is not None:
        fits = array.ndim == len(shape) and all(
            want in (None, got)
            for want, got in zip(shape, array.shape, strict=True)
        )
        if not fits:
            raise BadInputError(
                f"{what} should be {_shape_words(shape)}, not "
                f"{describe(value)}."
            )
    return array


def _shape_words(shape: tuple) -> str:
    """``(None,)`` as "a list (or 1-D array) of numbers", and so on."""
    if len(shape) == 1:
        size = "" if shape[0] is None else f" of {shape[0]}"
        return f"a list (or 1-D array){size} of numbers"
    rows, *columns = ("any number of" if n is None else n for n in shape)
    if len(columns) == 1:
        return f"a 2-D array of {rows} rows and {columns[0]} columns"
    wanted = tuple("any" if n is None else n for n in shape)
    return f"an array of shape {wanted}"


def fitted(
    estimator: Any,
    what: str,
    attribute: str = "cluster_centers_",
    method: str = "fit",
):
    """``estimator``, if fitted (it has ``attribute``); else BadInputError
    saying to call ``method`` first."""
    if estimator is None or isinstance(estimator, (int, float, str, list)):
        raise BadInputError(
            f"{what} should be a fitted estimator, not {describe(estimator)}."
        )
    if not hasattr(estimator, "fit"):
        raise BadInputError(
            f"{what} should be a scikit-learn estimator, "
            f"not {describe(estimator)}."
        )
    if not hasattr(estimator, attribute):
        raise BadInputError(
            f"{what} is not fitted yet: call its .{method}(...) before "
            "checking."
        )
    return estimator


def same_partition(labels, expected) -> bool:
    """Whether two labellings group the points alike (any renaming)."""
    import numpy as np

    labels, expected = np.asarray(labels), np.asarray(expected)
    if labels.shape != expected.shape:
        return False
    pairs = set(zip(labels.tolist(), expected.tolist(), strict=True))
    return (
        len(pairs) == len(set(labels.tolist())) == len(set(expected.tolist()))
    )


def claim_each_checked(checks: types.ModuleType) -> None:
    """Claim, for a lesson of exercises, that each exercise of ``checks``
    was checked twice: its starter code not answered yet, its solution
    correct."""
    from tutorial_code.claims import claim

    exercises = [x for x in vars(checks).values() if isinstance(x, Exercise)]
    for exercise in exercises:
        statuses = [verdict.status for verdict in exercise.verdicts]
        claim(
            f"{exercise.name}_checked",
            statuses == [NOT_ANSWERED, CORRECT],
            f"{exercise.name}: the starter code is not answered yet and the "
            f"solution is correct (its checks said {statuses})",
        )
