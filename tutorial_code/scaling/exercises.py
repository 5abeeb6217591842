"""Exercises: Scaling out. Each has starter code and a solution.

Page: docs/scaling/exercises.md. The starter code runs as given (its check
says "not answered yet"); each solution passes its check. No exercise
starts a Dask cluster: what a worker does with a chunk is plain NumPy.
"""

# --8<-- [start:partial_fit_steps_start]
from tutorial_code.exercise_checks.scaling import partial_fit_steps

steps = ____  # your prediction: model.n_steps_ after the two passes
partial_fit_steps.check(steps)
# --8<-- [end:partial_fit_steps_start]

# --8<-- [start:partial_fit_steps_solution]
import numpy as np
from sklearn.cluster import MiniBatchKMeans

from tutorial_code.exercise_checks.scaling import partial_fit_steps

rng = np.random.default_rng(0)
stream_chunks = [rng.normal(size=(1_000, 2)) for _ in range(6)]
model = MiniBatchKMeans(n_clusters=4, batch_size=100, n_init=1, random_state=0)
for _ in range(2):  # two passes
    for chunk in stream_chunks:
        model.partial_fit(chunk)
steps = model.n_steps_
# For comparison, fit cuts its data into batches of batch_size itself:
# one pass over the same 6,000 points (max_iter=1), early stopping off.
one_pass = MiniBatchKMeans(
    n_clusters=4,
    batch_size=100,
    max_iter=1,
    max_no_improvement=None,
    n_init=1,
    random_state=0,
)
fit_steps = one_pass.fit(np.vstack(stream_chunks)).n_steps_
print(f"partial_fit, 6 chunks, 2 passes: {steps} steps")
print(f"fit on the 6,000 points, one pass (max_iter=1): {fit_steps} steps")
partial_fit_steps.check(steps)
# --8<-- [end:partial_fit_steps_solution]

# --8<-- [start:mean_in_chunks_start]
import numpy as np

from tutorial_code.exercise_checks.scaling import mean_in_chunks


def mean_colour(chunks):
    """The mean colour (R, G, B) of all the pixels of ``chunks``, arrays of
    shape (n, 3) that come one at a time, holding one at a time."""
    sums, count = np.zeros(3), 0
    for chunk in chunks:
        sums += ____  # this chunk's sum of each channel
        count += ____  # this chunk's number of pixels
    return ____


mean_in_chunks.check(mean_colour)
# --8<-- [end:mean_in_chunks_start]

# --8<-- [start:mean_in_chunks_solution]
import numpy as np

from tutorial_code.exercise_checks.scaling import mean_in_chunks
from tutorial_code.scaling.chunks import frame


def mean_colour(chunks):
    """The mean colour (R, G, B) of all the pixels of ``chunks``, arrays of
    shape (n, 3) that come one at a time, holding one at a time."""
    sums, count = np.zeros(3), 0
    for chunk in chunks:
        sums += chunk.sum(axis=0)
        count += len(chunk)
    return sums / count


mean_in_chunks.check(mean_colour)

# Three frames read 200,000 pixels at a time: the last chunk is short.
three_frames = np.vstack([frame(i) for i in range(3)])
size = 200_000
starts = range(0, len(three_frames), size)
chunk_sizes = [len(three_frames[start : start + size]) for start in starts]
streamed_mean = mean_colour(three_frames[s : s + size] for s in starts)
mean_of_means = np.mean(
    [three_frames[s : s + size].mean(axis=0) for s in starts], axis=0
)
all_at_once = three_frames.mean(axis=0)
same_as_all_at_once = bool(np.allclose(streamed_mean, all_at_once))
means_gap = float(np.abs(mean_of_means - all_at_once).max())
last_chunk_size = chunk_sizes[-1]
print(f"chunks of {chunk_sizes} pixels")
print(f"all at once:    {np.round(all_at_once, 3)}")
print(f"sums and count: {np.round(streamed_mean, 3)}")
print(f"mean of means:  {np.round(mean_of_means, 3)}")
# --8<-- [end:mean_in_chunks_solution]

# --8<-- [start:streaming_fit_start]
from sklearn.cluster import MiniBatchKMeans

from tutorial_code.exercise_checks.scaling import streaming_fit


def fit_stream(batches, seed):
    """MiniBatchKMeans with 8 clusters, learned one batch at a time."""
    model = ____  # 8 clusters, and a run that this seed repeats
    for batch in batches:
        model.____(batch)  # learn from it, keeping what the others taught
    return model


streaming_fit.check(fit_stream)
# --8<-- [end:streaming_fit_start]

# --8<-- [start:streaming_fit_solution]
import numpy as np
from sklearn.cluster import MiniBatchKMeans

from tutorial_code.exercise_checks.scaling import streaming_fit
from tutorial_code.scaling.chunks import frame


def fit_stream(batches, seed):
    """MiniBatchKMeans with 8 clusters, learned one batch at a time."""
    model = MiniBatchKMeans(n_clusters=8, random_state=seed)
    for batch in batches:
        model.partial_fit(batch)
    return model


streaming_fit.check(fit_stream)

# Does n_init matter to a stream? Ten "starts" against the default.
stream_batches = [frame(i)[::20].astype(np.float32) for i in range(8)]
streamed = fit_stream(stream_batches, seed=0)
ten_starts = MiniBatchKMeans(n_clusters=8, n_init=10, random_state=0)
for batch in stream_batches:
    ten_starts.partial_fit(batch)
n_init_changes_nothing = bool(
    np.array_equal(ten_starts.cluster_centers_, streamed.cluster_centers_)
)
print(f"{streamed.n_steps_} steps, one per batch")
print(f"n_init=10 gives the same centres: {n_init_changes_nothing}")
# --8<-- [end:streaming_fit_solution]

# --8<-- [start:combine_block_sums_start]
import numpy as np

from tutorial_code.exercise_checks.scaling import combine_block_sums


def combine(per_block, centres):
    """The centres moved to the means of their points, from each block's
    array (block_sums: per centre, the sum of its points, then their
    count). A centre with no points stays where it is."""
    totals = ____  # the blocks' arrays added up: shape (k, features + 1)
    sums, counts = totals[:, :-1], totals[:, -1]
    moved = centres.copy()
    has_points = ____  # True for each centre with at least one point
    moved[has_points] = ____
    return moved


combine_block_sums.check(combine)
# --8<-- [end:combine_block_sums_start]

# --8<-- [start:combine_block_sums_solution]
import numpy as np

from tutorial_code.exercise_checks.scaling import combine_block_sums
from tutorial_code.scaling.chunks import block_sums, frame


def combine(per_block, centres):
    """The centres moved to the means of their points, from each block's
    array (block_sums: per centre, the sum of its points, then their
    count). A centre with no points stays where it is."""
    totals = np.sum(per_block, axis=0)
    sums, counts = totals[:, :-1], totals[:, -1]
    moved = centres.copy()
    has_points = counts > 0
    moved[has_points] = sums[has_points] / counts[has_points, None]
    return moved


combine_block_sums.check(combine)

# Four frames as four blocks of the same size, and 8 pixels as centres.
blocks = [frame(i)[::20].astype(np.float32) for i in range(4)]
pixels = np.vstack(blocks)
rng = np.random.default_rng(0)
centres = pixels[rng.choice(len(pixels), 8, replace=False)].astype(float)
per_block = [block_sums(block, centres) for block in blocks]
moved = combine(per_block, centres)
# The same step on all the pixels at once, and the blocks' means averaged.
nearest = ((pixels[:, None] - centres[None]) ** 2).sum(axis=2).argmin(axis=1)
at_once = np.array([pixels[nearest == c].mean(axis=0) for c in range(8)])
with np.errstate(invalid="ignore"):  # a block may lack a cluster: 0 / 0
    block_means = [b[:, :-1] / b[:, -1:] for b in per_block]
averaged = np.nanmean(block_means, axis=0)
block_size = len(blocks[0])
combine_gap = float(np.abs(moved - at_once).max())
averaged_gap = float(np.abs(averaged - at_once).max())
print(f"block sizes: {[len(block) for block in blocks]}")
print(f"combined sums, farthest from all at once: {combine_gap:.2g}")
print(f"averaged means, farthest from all at once: {averaged_gap:.1f}")
# --8<-- [end:combine_block_sums_solution]

# --8<-- [start:spread_batches_start]
import numpy as np
from sklearn.cluster import MiniBatchKMeans

from tutorial_code.exercise_checks.scaling import spread_batches
from tutorial_code.scaling.chunks import frame

frames = [frame(i)[::10].astype(np.float32) for i in range(8)]  # 8 chunks
pixels = np.vstack(frames)  # few enough to score on all of them
n_batches = 4  # mini-batches per chunk


def bands(chunk):
    """n_batches batches, each a band of neighbouring pixels."""
    size = len(chunk) // n_batches
    return [chunk[i * size : (i + 1) * size] for i in range(n_batches)]


def spread(chunk):
    """n_batches batches, each spread over the whole chunk."""
    return [____ for first in range(n_batches)]


def stream_score(split, seed):
    """The inertia per pixel of a stream whose chunks ``split`` cuts."""
    model = MiniBatchKMeans(
        n_clusters=16,
        batch_size=len(frames[0]) // n_batches,
        random_state=seed,
    )
    for chunk in frames:
        for batch in split(chunk):
            model.partial_fit(batch)
    return ____  # mean squared distance of all pixels to their nearest centre


# Two rows, bands then spread: one score per seed (call stream_score).
scores = [[____ for seed in (0, 1, 2)] for split in (bands, spread)]
spread_batches.check(scores)
# --8<-- [end:spread_batches_start]

# --8<-- [start:spread_batches_solution]
import numpy as np
from sklearn.cluster import MiniBatchKMeans

from tutorial_code.exercise_checks.scaling import spread_batches
from tutorial_code.scaling.chunks import frame

frames = [frame(i)[::10].astype(np.float32) for i in range(8)]  # 8 chunks
pixels = np.vstack(frames)  # few enough to score on all of them
n_batches = 4  # mini-batches per chunk


def bands(chunk):
    """n_batches batches, each a band of neighbouring pixels."""
    size = len(chunk) // n_batches
    return [chunk[i * size : (i + 1) * size] for i in range(n_batches)]


def spread(chunk):
    """n_batches batches, each spread over the whole chunk."""
    return [chunk[first::n_batches] for first in range(n_batches)]


def stream_score(split, seed):
    """The inertia per pixel of a stream whose chunks ``split`` cuts."""
    model = MiniBatchKMeans(
        n_clusters=16,
        batch_size=len(frames[0]) // n_batches,
        random_state=seed,
    )
    for chunk in frames:
        for batch in split(chunk):
            model.partial_fit(batch)
    return -model.score(pixels) / len(pixels)


# Two rows, bands then spread: one score per seed (call stream_score).
scores = [
    [stream_score(split, seed) for seed in (0, 1, 2)]
    for split in (bands, spread)
]
for name, row in zip(("bands", "spread"), scores):
    print(f"{name:>6}: " + ", ".join(f"{score:.1f}" for score in row))
spread_batches.check(scores)
# --8<-- [end:spread_batches_solution]

band_scores, spread_scores = (np.array(row) for row in scores)
spread_lower = int((spread_scores < band_scores).sum())
spread_lower_everywhere = spread_lower == len(band_scores)
# Relative to the bands': how much lower the spread batches scored.
spread_gain = float(1 - spread_scores.mean() / band_scores.mean())

from tutorial_code.claims import claim

claim(
    "n_init_changes_nothing",
    n_init_changes_nothing,
    "a stream fitted with n_init=10 has the same centres as with the default",
)
claim(
    "combine_is_the_step_at_once",
    combine_gap < 1e-3 < averaged_gap,
    "the combined sums give the Lloyd step on all the pixels at once, and "
    "the averaged blocks' means do not",
)
claim(
    "mean_of_means_is_off",
    same_as_all_at_once and means_gap > 0.1,
    "the sums and count give the mean of all pixels, the mean of the "
    "chunks' means does not",
)
claim(
    "spread_lower_everywhere",
    spread_lower_everywhere,
    "the spread batches scored lower than the bands for every seed",
)

from tutorial_code.exercise_checks import claim_each_checked, scaling

claim_each_checked(scaling)
