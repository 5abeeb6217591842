"""Fair timings: a warm-up call, then the best of several."""

import itertools

import pytest

from tutorial_code.timing import best_seconds, compared, one_call_seconds


def test_the_first_call_is_not_timed_and_the_best_is_kept():
    calls = []
    ticks = itertools.count()
    clock_seconds = [0.0, 5.0, 10.0, 11.0, 20.0, 22.0]  # 5, 1, 2 s
    best = best_seconds(
        calls.append,
        "x",
        repeats=3,
        clock=lambda: clock_seconds[next(ticks)],
    )
    assert calls == ["x"] * 4  # one warm-up call, then three timed
    assert best == 1.0


def test_one_call_is_timed_once():
    calls = []
    assert one_call_seconds(calls.append, 1) >= 0
    assert calls == [1]


def test_three_calls_are_timed_unless_told():
    """The page that teaches the helper says "the fastest of three"."""
    calls = []
    best_seconds(calls.append, "x")
    assert len(calls) == 1 + 3


@pytest.mark.parametrize(
    ("seconds", "reference_seconds", "words"),
    [
        (1.0, 2.0, "faster than"),
        (2.0, 1.0, "slower than"),
        (1.0, 1.0, "about as fast as"),
        (1.09, 1.0, "about as fast as"),  # within the 10 % margin
        (1.0, 1.09, "about as fast as"),
        (1.12, 1.0, "slower than"),
        (1.0, 1.12, "faster than"),
    ],
)
def test_compared_words_each_case(seconds, reference_seconds, words):
    assert compared(seconds, reference_seconds) == words
