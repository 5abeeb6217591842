"""The core every chapter's exercise checks share (exercise_checks/core.py)."""

import numpy as np
import pytest
from sklearn.cluster import KMeans

from tutorial_code.exercise_checks.core import (
    BAD_INPUT,
    CORRECT,
    NOT_ANSWERED,
    WRONG,
    BadInputError,
    Exercise,
    WrongAnswerError,
    ____,
    as_array,
    call,
    fitted,
    holds_blank,
    same_partition,
)

from .exercises import BAD_INPUTS, all_exercises, assert_one_sentence


def judge(answer) -> str:
    if answer == "bad":
        raise BadInputError("give a number.")
    if answer == 1:
        raise WrongAnswerError("one is the usual mistake.")
    if callable(answer):
        answer = answer()
    assert answer == 2, "the check itself must not hide an error"
    return "two it is."


exercise = Exercise("demo", "A page", judge)


def test_blanks_are_found_in_values_containers_and_code():
    def unfinished():
        return [____ for _ in range(3)]

    def nested():
        def inner():
            return ____

        return inner

    assert holds_blank(____)
    assert holds_blank([1, (2, ____)])
    assert holds_blank({"k": ____})
    assert holds_blank(unfinished)
    assert holds_blank(nested)
    assert not holds_blank(lambda: 2)
    assert not holds_blank([1, 2])
    assert repr(____) == "____"


@pytest.mark.parametrize(
    ("answer", "status", "words"),
    [
        (____, NOT_ANSWERED, "replace each ____"),
        (2, CORRECT, "two it is."),
        (1, WRONG, "usual mistake"),
        ("bad", BAD_INPUT, "give a number"),
        (lambda: 1 / 0, WRONG, "your code raised ZeroDivisionError"),
    ],
)
def test_each_kind_of_answer_gets_its_verdict(answer, status, words):
    found = exercise.verdict(answer)
    assert found.status == status
    assert words in found.message
    assert exercise.verdicts[-1] == found


def test_check_prints_the_verdict_and_where_to_look_when_wrong(capsys):
    exercise.check(2)
    assert capsys.readouterr().out == "Correct: two it is.\n"
    exercise.check(1)
    printed = capsys.readouterr().out.splitlines()
    assert printed[0] == "Not yet: one is the usual mistake."
    assert "reread “A page”" in printed[1]
    exercise.check(____)
    assert capsys.readouterr().out.startswith("Not answered yet: ")


def test_call_wants_a_function():
    with pytest.raises(BadInputError, match="your function itself"):
        call([1, 2], 3)
    assert call(lambda x: x + 1, 1) == 2
    with pytest.raises(BadInputError, match="forget to return"):
        call(lambda x: None, 1)


def test_as_array_says_in_one_sentence_what_is_wrong():
    wanted = "a 2-D array of any number of rows and 2 columns, not a list of 3"
    with pytest.raises(BadInputError, match=wanted):
        as_array([1, 2, 3], "points", shape=(None, 2))
    with pytest.raises(BadInputError, match="not None"):
        as_array(None, "points")
    with pytest.raises(BadInputError, match="hold numbers"):
        as_array(["a", "b"], "labels")
    with pytest.raises(BadInputError, match="whole numbers"):
        as_array([0.5, 1.0], "labels", kind="integer")
    labels = as_array([0.0, 1.0], "labels", kind="integer")
    assert labels.dtype.kind == "i"


def test_fitted_tells_an_unfitted_estimator_from_something_else():
    with pytest.raises(BadInputError, match="not fitted yet"):
        fitted(KMeans(2, n_init=1), "kmeans")
    with pytest.raises(BadInputError, match=r"call its \.partial_fit"):
        fitted(KMeans(2, n_init=1), "kmeans", method="partial_fit")
    with pytest.raises(BadInputError, match="fitted estimator"):
        fitted([1, 2], "kmeans")
    model = KMeans(2, n_init=1, random_state=0).fit([[0.0], [1.0], [5.0]])
    assert fitted(model, "kmeans") is model


def test_same_partition_ignores_the_names_of_clusters():
    assert same_partition([0, 0, 1, 2], [2, 2, 0, 1])
    assert not same_partition([0, 0, 1, 1], [0, 1, 1, 1])
    assert not same_partition([0, 0, 1, 1], [0, 0, 0, 0])
    assert not same_partition([0, 1], [0, 1, 2])
    assert same_partition(np.array([1, 1]), np.array([7, 7]))


@pytest.mark.parametrize("exercise", all_exercises(), ids=lambda x: x.name)
@pytest.mark.parametrize("answer", BAD_INPUTS, ids=repr)
def test_every_check_answers_bad_input_in_one_sentence(
    exercise, answer, capsys
):
    exercise.check(answer)
    printed = capsys.readouterr().out
    assert "Traceback" not in printed
    found = exercise.verdicts[-1]
    assert found.status in (BAD_INPUT, WRONG), found
    assert_one_sentence(found)
