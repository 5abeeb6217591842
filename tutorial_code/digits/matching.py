"""Match k-means clusters to true labels, by majority vote or one-to-one.

Cluster ids are arbitrary: cluster 3 need not hold the threes. To score a
clustering against labels, each cluster is first given a label. These functions
take the true ``labels`` and the ``clusters`` (ids 0 to k-1, as KMeans gives
them) and return ``mapping``, an array with the label of each cluster, so that
``mapping[clusters]`` is the predicted label of every sample.

Shown on the page docs/digits/evaluation.md.
"""

# --8<-- [start:majority]
import numpy as np
from sklearn.metrics.cluster import contingency_matrix


def majority_vote_mapping(
    labels: np.ndarray, clusters: np.ndarray
) -> np.ndarray:
    """Give each cluster the most frequent true label among its members.

    Two clusters may get the same label, and then some label gets none.
    """
    classes = np.unique(labels)
    # One row per label, one column per cluster: how many samples of each.
    table = contingency_matrix(labels, clusters)
    return classes[table.argmax(axis=0)]


# --8<-- [end:majority]


# --8<-- [start:hungarian]
# Imported again, so that this section also works pasted on its own.
import numpy as np
from scipy.optimize import linear_sum_assignment
from sklearn.metrics.cluster import contingency_matrix


def hungarian_mapping(labels: np.ndarray, clusters: np.ndarray) -> np.ndarray:
    """Give each cluster its own label, matching as many samples as possible.

    The Hungarian algorithm finds the one-to-one assignment of clusters to
    labels with the largest total count in the contingency table.
    """
    classes = np.unique(labels)
    table = contingency_matrix(labels, clusters)
    if table.shape[1] > table.shape[0]:
        raise ValueError(
            "one-to-one matching needs no more clusters than labels"
        )
    label_rows, cluster_columns = linear_sum_assignment(table, maximize=True)
    mapping = np.empty(table.shape[1], dtype=classes.dtype)
    mapping[cluster_columns] = classes[label_rows]
    return mapping


# --8<-- [end:hungarian]


# --8<-- [start:accuracy]
import numpy as np


def mapped_accuracy(
    labels: np.ndarray, clusters: np.ndarray, mapping: np.ndarray
) -> float:
    """Fraction of samples whose cluster is mapped to their true label."""
    return float(np.mean(mapping[clusters] == labels))


# --8<-- [end:accuracy]
