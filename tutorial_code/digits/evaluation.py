"""Lesson 3: score the clustering against the true labels.

Page: docs/digits/evaluation.md (continues lesson 1)
"""

from tutorial_code.digits.loading_and_fitting import clusters, digits
from tutorial_code.digits.matching import (
    hungarian_mapping,
    majority_vote_mapping,
    mapped_accuracy,
)

# --8<-- [start:arbitrary_ids]
print("true digit:", digits.target[:12])
print("cluster id:", clusters[:12])
# --8<-- [end:arbitrary_ids]

# --8<-- [start:majority_vote]
import numpy as np

majority = majority_vote_mapping(digits.target, clusters)
majority_accuracy = mapped_accuracy(digits.target, clusters, majority)
print("cluster:      ", list(range(10)))
print("majority digit:", majority.tolist())
print(f"accuracy: {majority_accuracy:.1%}")
# --8<-- [end:majority_vote]

# --8<-- [start:not_one_to_one]
from sklearn.metrics.cluster import contingency_matrix

votes = np.bincount(majority, minlength=10)  # clusters that chose each digit
shared_digits = np.flatnonzero(votes > 1).tolist()
missing_digits = np.flatnonzero(votes == 0).tolist()
majority_is_one_to_one = not shared_digits
print("digits given to several clusters:", shared_digits)
print("digits never predicted:          ", missing_digits)
# The clusters that share a digit: its count, and the next most frequent.
table = contingency_matrix(digits.target, clusters)  # digit x cluster
for cluster in np.flatnonzero(np.isin(majority, shared_digits)):
    counts = table[:, cluster].copy()
    voted = majority[cluster]
    n_voted, counts[voted] = counts[voted], -1
    runner_up = counts.argmax()
    print(
        f"cluster {cluster}: {n_voted} images of {voted}, "
        f"{counts[runner_up]} of {runner_up}"
    )
# --8<-- [end:not_one_to_one]

# --8<-- [start:purity]
from sklearn.cluster import KMeans

# Majority vote with more clusters than digits, k = 10 being the fit above.
purity_ks, purities = [10], [majority_accuracy]
for k in (20, 50, 100):
    more = KMeans(n_clusters=k, n_init=10, random_state=0)
    more_clusters = more.fit_predict(digits.data)
    vote = majority_vote_mapping(digits.target, more_clusters)
    purity_ks.append(k)
    purities.append(mapped_accuracy(digits.target, more_clusters, vote))
for k, purity in zip(purity_ks, purities):
    print(f"k = {k:3}: majority vote accuracy {purity:.1%}")
purity_rises = bool(np.all(np.diff(purities) > 0))
# --8<-- [end:purity]

# --8<-- [start:hungarian]
hungarian = hungarian_mapping(digits.target, clusters)
hungarian_accuracy = mapped_accuracy(digits.target, clusters, hungarian)
print("cluster:        ", list(range(10)))
print("hungarian digit:", hungarian.tolist())
print(f"accuracy: {hungarian_accuracy:.1%}")
# --8<-- [end:hungarian]

# --8<-- [start:compare]
n_images = len(clusters)
n_right_majority = int(np.sum(majority[clusters] == digits.target))
n_right_hungarian = int(np.sum(hungarian[clusters] == digits.target))
relabelled = np.flatnonzero(majority != hungarian)
n_relabelled = len(relabelled)
same_count = n_right_majority == n_right_hungarian
print(f"images matched, majority vote: {n_right_majority} of {n_images}")
print(f"images matched, one-to-one:    {n_right_hungarian} of {n_images}")
print(f"clusters given another digit:  {n_relabelled}")
for cluster in relabelled:
    by_majority, by_hungarian = majority[cluster], hungarian[cluster]
    print(
        f"  cluster {cluster}: {by_majority} -> {by_hungarian}, matching "
        f"{table[by_majority, cluster]} -> {table[by_hungarian, cluster]} "
        "of its images"
    )
# --8<-- [end:compare]

from tutorial_code.claims import claim

claim(
    "one_to_one_never_higher",
    n_right_hungarian <= n_right_majority,
    "the one-to-one count is never higher than majority vote's",
)
claim(
    "purity_rises_with_k",
    purity_rises and purities[-1] > 0.9,
    "majority vote's accuracy rises with k, past 90 % at k = 100",
)
