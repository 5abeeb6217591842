"""Checks for the exercises of "Scaling out".

Each check works out the right answer itself, with scikit-learn or NumPy,
on frames of the chapter's photo archive or on data of its own, and
recognises the typical mistakes by what they produce. No check starts a
Dask cluster: what a cluster does to a chunk is plain NumPy.
"""

from functools import lru_cache

from tutorial_code.exercise_checks.core import (
    BadInputError,
    Exercise,
    WrongAnswerError,
    as_array,
    call,
    describe,
)

SAMPLE_STREAM = "Sample, stream or distribute?"
DASK_CLUSTER = "A Dask cluster"


@lru_cache(maxsize=32)
def _frame(index: int, step: int):
    """Every ``step``-th pixel of frame ``index`` of the archive, read-only."""
    from tutorial_code.scaling.chunks import frame

    pixels = frame(index)[::step].copy()
    pixels.flags.writeable = False
    return pixels


def _close(found, expected, rtol: float = 1e-4) -> bool:
    import numpy as np

    found, expected = np.asarray(found), np.asarray(expected)
    return found.shape == expected.shape and bool(
        np.allclose(
            found, expected, rtol=rtol, atol=1e-6 * np.abs(expected).max()
        )
    )


# 1. How many steps? -----------------------------------------------------

# The stream of the prediction: chunks of points, partial_fit on each,
# over several passes, with a batch_size that partial_fit does not use to
# split them.
STEPS_SETTING = {
    "n_chunks": 6,
    "chunk_size": 1_000,
    "batch_size": 100,
    "n_passes": 2,
}


def count_steps() -> int:
    """n_steps_ after the stream of STEPS_SETTING, as scikit-learn counts."""
    import numpy as np
    from sklearn.cluster import MiniBatchKMeans

    n_chunks, size, batch_size, n_passes = STEPS_SETTING.values()
    rng = np.random.default_rng(0)
    chunks = [rng.normal(size=(size, 2)) for _ in range(n_chunks)]
    model = MiniBatchKMeans(
        n_clusters=4, batch_size=batch_size, n_init=1, random_state=0
    )
    for _ in range(n_passes):
        for chunk in chunks:
            model.partial_fit(chunk)
    return int(model.n_steps_)


def _partial_fit_steps(answer) -> str:
    import numbers

    if isinstance(answer, bool) or not isinstance(answer, numbers.Real):
        raise BadInputError(
            "write the number of steps as a whole number (like 7), not "
            f"{describe(answer)}."
        )
    if answer != round(answer):
        raise BadInputError(
            f"a number of steps is a whole number, not {answer}."
        )
    expected = count_steps()
    n_chunks, size, batch_size, n_passes = STEPS_SETTING.values()
    per_chunk = size // batch_size
    if answer == expected:
        return (
            f"{expected} steps: partial_fit makes one mini-batch step per "
            "call, with the whole array it is given; batch_size does not "
            "split that array (fit is what cuts its data into batches)."
        )
    if answer == expected * per_chunk:
        raise WrongAnswerError(
            f"that is as if partial_fit cut each chunk of {size:,} points "
            f"into batches of batch_size={batch_size}: fit does that, "
            "partial_fit takes the array you pass as one batch."
        )
    if answer == n_chunks * per_chunk:
        raise WrongAnswerError(
            "that counts one pass, and batches of batch_size: partial_fit "
            "takes each chunk as one batch, and the loop goes over the "
            f"chunks {n_passes} times."
        )
    if answer == n_chunks:
        raise WrongAnswerError(
            f"that is one pass over the {n_chunks} chunks: the stream goes "
            f"over them {n_passes} times, and every call is one more step."
        )
    if answer == n_passes:
        raise WrongAnswerError(
            "a pass is not one step: partial_fit is called once per chunk, "
            "in every pass, and each call is a step."
        )
    if answer in (n_chunks * size, n_chunks * size * n_passes):
        raise WrongAnswerError(
            "that counts points, not steps: one step takes in a whole batch "
            "of points at once."
        )
    raise WrongAnswerError(
        "count the calls to partial_fit: each one is exactly one step."
    )


partial_fit_steps = Exercise(
    "partial_fit_steps", SAMPLE_STREAM, _partial_fit_steps
)


# 2. The mean colour, one chunk at a time -------------------------------

# Chunks of very different sizes (frame, every step-th pixel): averaging
# their means gives a small chunk as much weight as a big one.
MEAN_CHUNKS = ((0, 60), (1, 9), (2, 400), (3, 25), (4, 150))


def _tracked_chunks(alive: list):
    """The chunks, one at a time; ``alive`` gets, before each, how many of
    the chunks given before are still held by someone."""
    import weakref

    given = []
    for index, step in MEAN_CHUNKS:
        chunk = _frame(index, step).copy()
        alive.append(sum(ref() is not None for ref in given))
        given.append(weakref.ref(chunk))
        yield chunk
        del chunk


def _mean_in_chunks(mean_colour) -> str:
    import numpy as np

    chunks = [_frame(index, step) for index, step in MEAN_CHUNKS]
    alive: list[int] = []
    answer = call(mean_colour, _tracked_chunks(alive))
    if answer is None:
        raise BadInputError(f"your function returned {describe(answer)}")
    found = as_array(answer, "what your function returns")
    everything = np.vstack(chunks).astype(np.float64)
    expected = everything.mean(axis=0)
    sizes = [len(chunk) for chunk in chunks]
    if found.size and (not np.isfinite(found).all() or (found == 0).all()):
        raise WrongAnswerError(
            "your function found no pixels: the chunks come one at a time "
            "from a generator (as from a file) and can be read only once. "
            "Add up the sums and the count in the same loop."
        )
    if found.shape == ():
        raise WrongAnswerError(
            "your function returned one number: the mean of every value, "
            "red, green and blue mixed. Keep one mean per channel: sum "
            "over axis 0 (down the rows)."
        )
    if found.shape == (len(chunks), 3):
        raise WrongAnswerError(
            "your function returned one mean per chunk: combine them into "
            "the one mean colour of all the pixels."
        )
    if found.ndim == 1 and len(found) in {len(everything), *sizes}:
        raise WrongAnswerError(
            f"your function returned {describe(answer)}: one value per "
            "pixel, a mean over the wrong axis (axis=1 averages the "
            "channels of each pixel). Sum over axis 0."
        )
    if found.shape != (3,):
        raise WrongAnswerError(
            f"your function returned {describe(answer)}; it should return "
            "the mean colour, three numbers (red, green, blue)."
        )
    means = np.array([chunk.mean(axis=0) for chunk in chunks])
    if _close(found, expected, rtol=1e-5):
        if max(alive) > 1:
            raise WrongAnswerError(
                "the mean is right, but your function held every chunk in "
                "memory at once (a list, or np.concatenate): keep only "
                "running sums and a count, one chunk at a time."
            )
        gap = np.abs(means.mean(axis=0) - expected).max()
        return (
            f"the mean colour of all {len(everything):,} pixels, from "
            "running sums and a count; the average of the chunks' means "
            f"would have been off by up to {gap:.1f}."
        )
    total = everything.sum(axis=0)
    if _close(found, means.mean(axis=0)):
        raise WrongAnswerError(
            "that is the average of the chunks' means: it gives a chunk of "
            f"{min(sizes):,} pixels as much weight as one of "
            f"{max(sizes):,}. Add up the sums and the counts, then divide "
            "once."
        )
    if _close(found, total):
        raise WrongAnswerError(
            "these are the sums of the channels: divide them by the number "
            "of pixels."
        )
    if _close(found, total / len(chunks)):
        raise WrongAnswerError(
            "you divided by the number of chunks: divide by the number of "
            "pixels, the rows of all the chunks."
        )
    if _close(found, np.full(3, everything.sum() / len(everything))):
        raise WrongAnswerError(
            "all three channels got the same value: chunk.sum() without an "
            "axis adds red, green and blue together. Sum over axis 0, one "
            "sum per channel."
        )
    if _close(found, total / everything.size):
        raise WrongAnswerError(
            "you divided by the number of values (chunk.size counts each "
            "pixel three times, once per channel): count the rows, "
            "len(chunk)."
        )
    if _close(found, means[-1]):
        raise WrongAnswerError(
            "that is the mean of the last chunk alone: add each chunk's "
            "sum to a running total (+=) instead of replacing it."
        )
    if _close(found, means[0]):
        raise WrongAnswerError(
            "that is the mean of the first chunk alone: is your return "
            "inside the loop?"
        )
    raise WrongAnswerError(
        "that is not the mean of all the pixels: add up each chunk's sum "
        "over axis 0 and its number of rows, then divide the two totals "
        "once, at the end."
    )


mean_in_chunks = Exercise("mean_in_chunks", SAMPLE_STREAM, _mean_in_chunks)


# 3. A streaming fit ------------------------------------------------------

STREAM_FRAMES = 6  # one batch per frame
STREAM_STEP = 40  # every 40th pixel of it
STREAM_CLUSTERS = 8


def _stream_batches():
    import numpy as np

    return [
        _frame(index, STREAM_STEP).astype(np.float32)
        for index in range(STREAM_FRAMES)
    ]


def _streamed_model(fit_stream, batches, seed):
    """The model the learner's function returns, or the sentence why not."""
    from sklearn.cluster import KMeans, MiniBatchKMeans

    model = call(fit_stream, (batch for batch in batches), seed)
    if model is None:
        raise BadInputError(f"your function returned {describe(model)}")
    if isinstance(model, KMeans):
        raise WrongAnswerError(
            "your function returned a KMeans: it has no partial_fit, and "
            "needs all the data at once. Use MiniBatchKMeans."
        )
    if not hasattr(model, "partial_fit"):
        raise BadInputError(
            "your function should return the MiniBatchKMeans it fitted, "
            f"not {describe(model)}."
        )
    if not hasattr(model, "cluster_centers_"):
        raise BadInputError(
            "the model your function returns is not fitted: call its "
            "partial_fit(batch) for each batch."
        )
    if not isinstance(model, MiniBatchKMeans):
        raise WrongAnswerError(
            f"your function returned a {type(model).__name__}: use "
            "scikit-learn's MiniBatchKMeans."
        )
    return model


def _streaming_fit(fit_stream) -> str:
    import numpy as np
    from sklearn.base import clone

    batches = _stream_batches()
    seeds = (0, 1)
    models = {
        seed: _streamed_model(fit_stream, batches, seed) for seed in seeds
    }
    first = models[0]
    if first.n_clusters != STREAM_CLUSTERS:
        raise WrongAnswerError(
            f"your model has n_clusters={first.n_clusters}: the exercise "
            f"asks for {STREAM_CLUSTERS} clusters."
        )
    if first.random_state is None:
        raise WrongAnswerError(
            "random_state is left out: each run then starts from other "
            "random centres, and no run can be repeated. Pass "
            "random_state=seed."
        )
    same = np.array_equal(first.cluster_centers_, models[1].cluster_centers_)
    if models[1].random_state != 1 and same:
        raise WrongAnswerError(
            "your function ignores its seed: seeds 0 and 1 gave the same "
            "centres. Pass random_state=seed, so that each seed is another "
            "start (a stream gets only one)."
        )
    n = len(batches)
    for model in models.values():
        expected = clone(model)
        for batch in batches:
            expected.partial_fit(batch)
        centres = model.cluster_centers_
        if model.n_steps_ == n and _close(centres, expected.cluster_centers_):
            continue
        if _close(centres, clone(model).fit(batches[-1]).cluster_centers_):
            raise WrongAnswerError(
                "the centres are those of the last batch alone: fit starts "
                "over on each call and forgets the batches before. "
                "partial_fit updates the centres it has."
            )
        everything = np.vstack(batches)
        at_once = [
            clone(model).fit(everything),
            clone(model).partial_fit(everything),
        ]
        if any(_close(centres, m.cluster_centers_) for m in at_once):
            raise WrongAnswerError(
                "your function put the batches together and fitted them at "
                "once: that holds all the data in memory. Call partial_fit "
                "once per batch."
            )
        if _close(
            centres, clone(model).partial_fit(batches[0]).cluster_centers_
        ):
            raise WrongAnswerError(
                "the model learned from the first batch only: is your "
                "return inside the loop?"
            )
        last = clone(model).partial_fit(batches[-1])
        if _close(centres, last.cluster_centers_):
            raise WrongAnswerError(
                "the model learned from the last batch only: a new model, "
                "made in the loop, forgets the batches before. Create it "
                "once, before the loop."
            )
        if model.n_steps_ != n:
            raise WrongAnswerError(
                f"your model made {model.n_steps_} step(s) for {n} batches: "
                "call partial_fit exactly once per batch."
            )
        raise WrongAnswerError(
            "these centres are not those of partial_fit on each batch, in "
            "the order they come: create the model once, before the loop, "
            "and call only partial_fit in it."
        )
    return (
        f"{n} partial_fit steps, one per batch, each updating the centres "
        "learned so far; another seed is another start (a stream has one "
        "start per run, whatever n_init says)."
    )


streaming_fit = Exercise("streaming_fit", SAMPLE_STREAM, _streaming_fit)


# 4. Centres from the blocks' sums ---------------------------------------


def blocks_and_centres():
    """Points in three blocks of different sizes and colours, and five
    centres: one far from every point (an empty cluster), one whose colour
    one block lacks."""
    import numpy as np

    rng = np.random.default_rng(4)
    colours = np.array([[200, 60, 40], [40, 160, 70], [60, 80, 200]])
    # Points of each colour in each block; each block lit differently.
    mix = [(600, 100, 0), (20, 0, 30), (0, 250, 400)]
    lighting = [-30, 30, 0]
    blocks = [
        np.vstack(
            [
                colours[c] + light + 20 * rng.standard_normal((n, 3))
                for c, n in enumerate(counts)
            ]
        )
        for counts, light in zip(mix, lighting, strict=True)
    ]
    moved = colours + np.array([15, -10, 5])
    centres = np.vstack([moved, [[120, 120, 120]], [[255, 255, 255]]])
    return blocks, centres.astype(np.float64)


def block_sums_of(block, centres):
    """Per centre, [sum of the block's points nearest to it, their count]."""
    import numpy as np

    nearest = ((block[:, None] - centres[None]) ** 2).sum(-1).argmin(1)
    sums = np.zeros_like(centres)
    np.add.at(sums, nearest, block)
    counts = np.bincount(nearest, minlength=len(centres))
    return np.column_stack([sums, counts])


def _combine_block_sums(combine) -> str:
    import numpy as np

    blocks, centres = blocks_and_centres()
    per_block = [block_sums_of(block, centres) for block in blocks]
    given = centres.copy()
    try:
        answer = call(combine, [b.copy() for b in per_block], given)
    except ValueError as error:
        if "broadcast" not in str(error):
            raise
        raise WrongAnswerError(
            "your code divided sums of shape (k, features) by counts of "
            "shape (k,), which NumPy cannot line up: make the counts a "
            "column, counts[has_points, None]."
        ) from None
    if answer is None:
        raise BadInputError(f"your function returned {describe(answer)}")
    found = as_array(answer, "what your function returns").astype(float)
    k, d = centres.shape
    totals = np.sum(per_block, axis=0)
    sums, counts = totals[:, :-1], totals[:, -1]
    filled = counts > 0
    expected = centres.copy()
    expected[filled] = sums[filled] / counts[filled, None]
    if not np.array_equal(given, centres):
        raise WrongAnswerError(
            "your function changed the centres it was given (moved = "
            "centres names the same array): start from centres.copy()."
        )
    if found.shape == (k, d + 1):
        if _close(found, totals):
            raise WrongAnswerError(
                "these are the blocks' arrays added up, sums and counts: "
                "divide the sums (every column but the last) by the counts "
                "(the last column)."
            )
        raise WrongAnswerError(
            f"your centres have {d + 1} columns: the last column of a "
            "block's array is a count, not a coordinate. Drop it."
        )
    if found.shape == (d, k):
        raise WrongAnswerError(
            f"your centres have shape {found.shape}: one row per "
            f"coordinate. Return one row per centre, shape {(k, d)}."
        )
    if found.shape == (len(blocks), d + 1):
        raise WrongAnswerError(
            "you added within each block (over its clusters): add the "
            "blocks together, element by element (axis 0)."
        )
    if found.shape != (k, d):
        raise WrongAnswerError(
            f"your function returned {describe(answer)}; it should return "
            f"the {k} centres, shape {(k, d)}."
        )
    with np.errstate(invalid="ignore", divide="ignore"):
        block_means = np.array([b[:, :-1] / b[:, -1:] for b in per_block])
    lacking = filled & (np.array(per_block)[:, :, -1] == 0).any(axis=0)
    if np.isnan(found[lacking]).any():
        raise WrongAnswerError(
            "a centre became nan where one block has no point of its "
            "cluster (0 / 0): you divided each block's sums by its own "
            "counts. Add the sums and the counts of all blocks first, then "
            "divide."
        )
    averaged = np.nanmean(block_means[:, filled], axis=0)
    if _close(found[filled], averaged):
        raise WrongAnswerError(
            "that is the average of the blocks' means: each block then "
            "weighs the same, whatever its number of points. Add the sums "
            "and the counts of all blocks first, then divide."
        )
    if _close(found[filled], sums[filled]):
        raise WrongAnswerError(
            "these are the sums of each cluster's points: divide them by "
            "the counts."
        )
    if _close(found[filled], sums[filled] / len(blocks)):
        raise WrongAnswerError(
            "you divided by the number of blocks: divide each cluster's "
            "sum by its count, the number of its points."
        )
    if not _close(found[filled], expected[filled]):
        raise WrongAnswerError(
            "some centres are not the mean of their points: add the "
            "blocks' arrays, then divide the sums by the counts."
        )
    empty = ~filled
    if np.isnan(found[empty]).any():
        raise WrongAnswerError(
            "the centre with no points became nan (0 / 0): leave it where "
            "it was, as lloyd_step does."
        )
    if np.allclose(found[empty], 0):
        raise WrongAnswerError(
            "the centre with no points went to the origin (dividing by at "
            "least one point, as dask-ml does): this exercise keeps it "
            "where it was, as lloyd_step does."
        )
    if not _close(found[empty], expected[empty]):
        raise WrongAnswerError(
            "the centre with no points moved: leave it where it was, as "
            "lloyd_step does."
        )
    gap = np.abs(averaged - expected[filled]).max()
    return (
        "each centre moved to the mean of its points over all the blocks, "
        "and the one with no points stayed put; the average of the "
        f"blocks' means would have been off by up to {gap:.1f}."
    )


combine_block_sums = Exercise(
    "combine_block_sums", DASK_CLUSTER, _combine_block_sums
)


# 5. Bands or spread? -----------------------------------------------------

LAYOUT_FRAMES = 8
LAYOUT_STEP = 10  # every 10th pixel of each frame
LAYOUT_BATCHES = 4  # mini-batches per frame
LAYOUT_CLUSTERS = 16
LAYOUT_SEEDS = (0, 1, 2)


def _layout_frames():
    import numpy as np

    return [
        _frame(index, LAYOUT_STEP).astype(np.float32)
        for index in range(LAYOUT_FRAMES)
    ]


def _bands(chunk):
    size = len(chunk) // LAYOUT_BATCHES
    return [chunk[i * size : (i + 1) * size] for i in range(LAYOUT_BATCHES)]


def _spread(chunk):
    return [chunk[first::LAYOUT_BATCHES] for first in range(LAYOUT_BATCHES)]


def _same_batch(chunk):
    return [chunk[::LAYOUT_BATCHES]] * LAYOUT_BATCHES


def layout_models(split) -> list:
    """The streams of the exercise, one per seed, each chunk split by
    ``split`` into mini-batches."""
    from sklearn.cluster import MiniBatchKMeans

    frames = _layout_frames()
    models = []
    for seed in LAYOUT_SEEDS:
        model = MiniBatchKMeans(
            n_clusters=LAYOUT_CLUSTERS,
            batch_size=len(frames[0]) // LAYOUT_BATCHES,
            random_state=seed,
        )
        for chunk in frames:
            for batch in split(chunk):
                model.partial_fit(batch)
        models.append(model)
    return models


def layout_scores(split) -> list[float]:
    """The inertia per pixel of a stream split by ``split``, per seed."""
    import numpy as np

    pixels = np.vstack(_layout_frames())
    return [
        -model.score(pixels) / len(pixels) for model in layout_models(split)
    ]


@lru_cache(maxsize=1)
def _expected_layout():
    """The right scores, and each stream's inertia_ (its last batch's)."""
    import numpy as np

    models = [layout_models(_bands), layout_models(_spread)]
    pixels = np.vstack(_layout_frames())
    scores = [[-m.score(pixels) / len(pixels) for m in row] for row in models]
    last_batch = [[m.inertia_ for m in row] for row in models]
    return np.array(scores), np.array(last_batch)


def _spread_batches(answer) -> str:
    import numpy as np

    shape = (2, len(LAYOUT_SEEDS))
    found = as_array(answer, "your scores")
    if found.shape == shape[::-1]:
        raise WrongAnswerError(
            f"your scores have shape {found.shape}: give one row per way "
            "of splitting (bands first, then spread), one score per seed "
            "in each."
        )
    if found.shape != shape:
        raise WrongAnswerError(
            f"you gave {describe(answer)}: give two rows of "
            f"{len(LAYOUT_SEEDS)} scores, the bands' then the spread "
            "batches', one per seed."
        )
    expected, last_batch = _expected_layout()
    n_pixels = LAYOUT_FRAMES * len(_frame(0, LAYOUT_STEP))
    if _close(found, expected):
        bands, spread = expected
        lower = int((spread < bands).sum())
        return (
            f"bands scored {bands.min():.0f} to {bands.max():.0f} per "
            f"pixel, spread batches {spread.min():.0f} to "
            f"{spread.max():.0f}: the spread batches scored lower for "
            f"{lower} of the {len(LAYOUT_SEEDS)} seeds."
        )
    if _close(-found, expected) or _close(-found, expected * n_pixels):
        raise WrongAnswerError(
            "your scores are negative: model.score gives minus the "
            "inertia (higher is better). Negate it, and divide by the "
            "number of pixels."
        )
    batch_size = len(_frame(0, LAYOUT_STEP)) // LAYOUT_BATCHES
    if _close(found, last_batch) or _close(found, last_batch / batch_size):
        raise WrongAnswerError(
            "that is model.inertia_: partial_fit sets it on the last batch "
            "alone. Score the model on all the pixels: "
            "-model.score(pixels) / len(pixels)."
        )
    if _close(found, expected * n_pixels):
        raise WrongAnswerError(
            "these are totals over all the pixels: divide by the number of "
            "pixels, to get the inertia per pixel."
        )
    if _close(found, expected[::-1]):
        raise WrongAnswerError(
            "the rows are swapped: the bands' scores first, then the "
            "spread batches'."
        )
    if np.ptp(found, axis=1).max() <= 1e-9 * np.abs(found).max():
        raise WrongAnswerError(
            "each row holds the same score three times: did every stream "
            "use the same seed? Pass random_state=seed."
        )
    if not _close(found[0], expected[0]):
        raise WrongAnswerError(
            "the bands' scores (the first row) are not those of the "
            "starter code's stream_score(bands, seed): give the inertia "
            "per pixel, -model.score(pixels) / len(pixels)."
        )
    if _close(found[1], found[0]):
        raise WrongAnswerError(
            "both rows are the same: spread should make other batches than "
            "bands, each taking every n_batches-th pixel."
        )
    if _close(found[1], layout_scores(_same_batch)):
        raise WrongAnswerError(
            "each of spread's batches is the same pixels: start batch "
            "number `first` at pixel `first`, chunk[first::n_batches]."
        )
    raise WrongAnswerError(
        "the spread batches' scores (the second row) are not those of "
        "batches chunk[first::n_batches], for first in range(n_batches)."
    )


spread_batches = Exercise("spread_batches", SAMPLE_STREAM, _spread_batches)
