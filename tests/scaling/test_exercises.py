"""Scaling out, exercises: each check accepts the page's solution, says
"not answered yet" to the starter code, recognises typical mistakes, and
answers bad input with one sentence."""

import warnings

import numpy as np
import pytest
from sklearn.cluster import KMeans, MiniBatchKMeans

from tutorial_code.exercise_checks import ____
from tutorial_code.exercise_checks.core import (
    BAD_INPUT,
    CORRECT,
    NOT_ANSWERED,
    WRONG,
)
from tutorial_code.exercise_checks.scaling import (
    STEPS_SETTING,
    combine_block_sums,
    count_steps,
    layout_models,
    layout_scores,
    mean_in_chunks,
    partial_fit_steps,
    spread_batches,
    streaming_fit,
)

from ..exercises import assert_one_sentence, wrong

EXERCISES = [
    partial_fit_steps,
    mean_in_chunks,
    streaming_fit,
    combine_block_sums,
    spread_batches,
]


@pytest.mark.parametrize(
    ("exercise", "solution"),
    [
        (partial_fit_steps, "steps"),
        (mean_in_chunks, "mean_colour"),
        (streaming_fit, "fit_stream"),
        (combine_block_sums, "combine"),
        (spread_batches, "scores"),
    ],
)
def test_the_solution_on_the_page_is_correct(lesson, exercise, solution):
    assert exercise.verdict(lesson[solution]).status == CORRECT


def test_the_solutions_measurements_say_what_the_page_says(lesson):
    assert lesson["steps"] == count_steps()
    assert lesson["fit_steps"] > lesson["steps"]
    assert lesson["same_as_all_at_once"]
    assert lesson["means_gap"] > 0.1
    assert lesson["n_init_changes_nothing"]
    assert lesson["combine_gap"] < 1e-3 < lesson["averaged_gap"]
    assert np.shape(lesson["scores"]) == (2, 3)


def test_a_blank_is_not_answered_yet():
    def fit_stream(batches, seed):
        model = ____
        for batch in batches:
            model.____(batch)
        return model

    assert partial_fit_steps.verdict(____).status == NOT_ANSWERED
    assert streaming_fit.verdict(fit_stream).status == NOT_ANSWERED
    blanks = [[____] * 3, [____] * 3]
    assert spread_batches.verdict(blanks).status == NOT_ANSWERED


def test_steps_explain_what_partial_fit_counts():
    n_chunks, size, batch_size, n_passes = STEPS_SETTING.values()
    assert partial_fit_steps.verdict(n_chunks * n_passes).status == CORRECT
    assert partial_fit_steps.verdict(12.0).status == CORRECT
    per_chunk = size // batch_size
    wrong(partial_fit_steps, n_chunks * per_chunk * n_passes, "fit does that")
    wrong(partial_fit_steps, n_chunks * per_chunk, "one pass, and batches")
    wrong(partial_fit_steps, n_chunks, "one pass over the 6 chunks")
    wrong(partial_fit_steps, n_passes, "a pass is not one step")
    wrong(partial_fit_steps, n_chunks * size * n_passes, "counts points")
    wrong(partial_fit_steps, 13, "count the calls")


def test_mean_in_chunks_recognises_its_typical_mistakes():
    def mean_of_means(chunks):
        return np.mean([chunk.mean(axis=0) for chunk in chunks], axis=0)

    def all_at_once(chunks):
        return np.concatenate(list(chunks)).mean(axis=0)

    def running(
        chunks, divide=len, replace=False, per_chunk=False, sum_axis=0
    ):
        sums, count, n = np.zeros(3), 0, 0
        for chunk in chunks:
            if replace:
                sums, count = chunk.sum(axis=sum_axis), divide(chunk)
            else:
                sums = sums + chunk.sum(axis=sum_axis)
                count = count + divide(chunk)
            n += 1
        return sums / (n if per_chunk else count)

    def read_twice(chunks):
        count = sum(len(chunk) for chunk in chunks)
        return sum(chunk.sum(axis=0) for chunk in chunks) / count

    wrong(mean_in_chunks, mean_of_means, "average of the chunks' means")
    wrong(mean_in_chunks, all_at_once, "held every chunk")
    wrong(mean_in_chunks, lambda c: running(c, divide=np.size), "chunk.size")
    wrong(mean_in_chunks, lambda c: running(c, replace=True), "last chunk")
    wrong(mean_in_chunks, lambda c: running(c, per_chunk=True), "of chunks")
    wrong(
        mean_in_chunks,
        lambda chunks: sum(chunk.sum(axis=0) for chunk in chunks),
        "sums of the channels",
    )
    wrong(mean_in_chunks, read_twice, "read only once")
    wrong(
        mean_in_chunks,
        lambda chunks: running(chunks, divide=len, sum_axis=None),
        "without an axis",
    )
    wrong(
        mean_in_chunks,
        lambda chunks: np.concatenate([c.mean(1) for c in chunks]),
        "wrong axis",
    )
    wrong(
        mean_in_chunks,
        lambda chunks: np.mean([c.mean() for c in chunks]),
        "one number",
    )
    wrong(
        mean_in_chunks,
        lambda chunks: np.array([c.mean(axis=0) for c in chunks]),
        "one mean per chunk",
    )


def stream_with(fit_each=None, *, settings=None, first_only=False, twice=1):
    """A streaming fit with a chosen mistake."""
    settings = {"n_clusters": 8, **(settings or {})}

    def fit_stream(batches, seed):
        model = MiniBatchKMeans(**{"random_state": seed, **settings})
        for batch in batches:
            for _ in range(twice):
                (fit_each or model.partial_fit)(batch)
            if first_only:
                return model
        return model

    return fit_stream


def test_streaming_fit_recognises_its_typical_mistakes():
    def fit_each(batches, seed):
        model = MiniBatchKMeans(n_clusters=8, random_state=seed)
        for batch in batches:
            model.fit(batch)
        return model

    def at_once(batches, seed):
        model = MiniBatchKMeans(n_clusters=8, random_state=seed)
        return model.fit(np.vstack(list(batches)))

    def kmeans(batches, seed):
        model = KMeans(n_clusters=8, random_state=seed)
        return model.fit(np.vstack(list(batches)))

    def made_in_the_loop(batches, seed):
        for batch in batches:
            model = MiniBatchKMeans(n_clusters=8, random_state=seed)
            model.partial_fit(batch)
        return model

    assert streaming_fit.verdict(stream_with()).status == CORRECT
    other = stream_with(settings={"n_init": 10, "batch_size": 500})
    assert streaming_fit.verdict(other).status == CORRECT
    wrong(streaming_fit, fit_each, "fit starts over")
    wrong(streaming_fit, at_once, "put the batches together")
    wrong(streaming_fit, kmeans, "KMeans", "no partial_fit")
    wrong(streaming_fit, stream_with(first_only=True), "first batch only")
    wrong(streaming_fit, stream_with(twice=2), "12 step(s) for 6 batches")
    wrong(streaming_fit, made_in_the_loop, "made in the loop")
    wrong(
        streaming_fit,
        stream_with(settings={"random_state": None}),
        "random_state is left out",
    )
    wrong(
        streaming_fit,
        stream_with(settings={"random_state": 0}),
        "ignores its seed",
    )
    wrong(
        streaming_fit,
        stream_with(settings={"n_clusters": 16}),
        "n_clusters=16",
    )


def test_streaming_fit_says_an_unfitted_model_is_bad_input():
    found = streaming_fit.verdict(lambda batches, seed: MiniBatchKMeans(8))
    assert found.status == BAD_INPUT
    assert "partial_fit(batch)" in found.message


def test_combine_recognises_its_typical_mistakes():
    def combined(per_block, centres, divide=True, empty="keep"):
        totals = np.sum(per_block, axis=0)
        sums, counts = totals[:, :-1], totals[:, -1:]
        if not divide:
            return sums
        with np.errstate(invalid="ignore"):
            means = sums / counts
        if empty == "origin":
            return sums / np.maximum(counts, 1)
        if empty == "keep":
            return np.where(counts > 0, means, centres)
        return means  # nan

    def block_means(per_block, centres, ignore_nan=False):
        with np.errstate(invalid="ignore", divide="ignore"):
            means = np.array([b[:, :-1] / b[:, -1:] for b in per_block])
        if not ignore_nan:
            return means.mean(axis=0)  # nan where a block lacks a cluster
        with warnings.catch_warnings():  # a cluster no block has: nan
            warnings.simplefilter("ignore", RuntimeWarning)
            found = np.nanmean(means, axis=0)
        return np.where(np.isnan(found), centres, found)

    def in_place(per_block, centres):
        centres[:] = combined(per_block, centres)
        return centres

    def no_column(per_block, centres):
        totals = np.sum(per_block, axis=0)
        has_points = totals[:, -1] > 0
        moved = centres.copy()
        moved[has_points] = totals[has_points, :-1] / totals[has_points, -1]
        return moved

    assert combine_block_sums.verdict(combined).status == CORRECT
    wrong(
        combine_block_sums,
        lambda p, c: block_means(p, c, ignore_nan=True),
        "average of the blocks' means",
    )
    wrong(combine_block_sums, block_means, "0 / 0", "each block's sums")
    wrong(combine_block_sums, lambda p, c: np.sum(p, axis=0), "added up")
    wrong(
        combine_block_sums,
        lambda p, c: combined(p, c, divide=False),
        "sums of each cluster",
    )
    wrong(
        combine_block_sums,
        lambda p, c: np.sum(p, axis=0)[:, :-1] / len(p),
        "number of blocks",
    )
    wrong(
        combine_block_sums,
        lambda p, c: combined(p, c, empty="origin"),
        "dask-ml",
    )
    wrong(
        combine_block_sums,
        lambda p, c: combined(p, c, empty="nan"),
        "became nan",
    )
    wrong(combine_block_sums, in_place, "changed the centres")
    wrong(combine_block_sums, no_column, "make the counts a column")
    wrong(
        combine_block_sums,
        lambda p, c: combined(p, c).T,
        "one row per coordinate",
    )
    wrong(
        combine_block_sums,
        lambda p, c: np.sum(p, axis=1),
        "within each block",
    )


def test_spread_batches_recognise_their_typical_mistakes():
    def bands(chunk):
        size = len(chunk) // 4
        return [chunk[i * size : (i + 1) * size] for i in range(4)]

    def same_batch(chunk):
        return [chunk[::4] for _ in range(4)]

    def spread(chunk):
        return [chunk[first::4] for first in range(4)]

    right = [layout_scores(bands), layout_scores(spread)]
    assert spread_batches.verdict(right).status == CORRECT
    scores = np.array(right)
    wrong(spread_batches, scores[::-1], "rows are swapped")
    wrong(spread_batches, -scores, "negative")
    wrong(spread_batches, scores * 8 * 27_328, "totals")
    wrong(spread_batches, scores[:, :1].repeat(3, axis=1), "same seed")
    wrong(spread_batches, [scores[0], scores[0]], "both rows are the same")
    wrong(
        spread_batches, [scores[0], layout_scores(same_batch)], "same pixels"
    )
    wrong(spread_batches, scores.T, "shape (3, 2)")
    last_batch = [
        [model.inertia_ for model in layout_models(split)]
        for split in (bands, spread)
    ]
    wrong(spread_batches, last_batch, "model.inertia_", "last batch")
    wrong(spread_batches, scores[0], "two rows")


def test_a_check_turns_an_error_in_the_learners_code_into_a_sentence():
    def broken(per_block, centres):
        return per_block.sum(axis=0)  # a list has no .sum

    found = combine_block_sums.verdict(broken)
    assert found.status == WRONG
    assert "your code raised AttributeError" in found.message
    assert_one_sentence(found)
