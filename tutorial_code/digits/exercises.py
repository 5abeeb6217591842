"""Exercises: Digits. Each has starter code and a solution.

Page: docs/digits/exercises.md. The starter code runs as given (its check
says "not answered yet"); each solution passes its check.
"""

# --8<-- [start:one_cluster_accuracy_start]
from tutorial_code.exercise_checks.digits import one_cluster_accuracy

accuracy = ____  # your prediction, as a fraction: 0.25 for 25 %
one_cluster_accuracy.check(accuracy)
# --8<-- [end:one_cluster_accuracy_start]

# --8<-- [start:one_cluster_accuracy_solution]
from sklearn.cluster import KMeans
from sklearn.datasets import load_digits
from sklearn.metrics.cluster import contingency_matrix

from tutorial_code.exercise_checks.digits import one_cluster_accuracy

digits = load_digits()
one = KMeans(n_clusters=1, n_init=1, random_state=0).fit(digits.data)
table = contingency_matrix(digits.target, one.labels_)  # 10 digits x 1
one_cluster_digit = int(table[:, 0].argmax())  # the cluster's majority vote
one_cluster_score = table[one_cluster_digit, 0] / table.sum()
print(f"images of each digit in the cluster: {table[:, 0]}")
print(f"majority vote: {one_cluster_digit}; accuracy {one_cluster_score:.1%}")
one_cluster_accuracy.check(one_cluster_score)
# --8<-- [end:one_cluster_accuracy_solution]

# --8<-- [start:digit_mean_images_start]
from sklearn.datasets import load_digits

from tutorial_code.exercise_checks.digits import digit_mean_images

digits = load_digits()
# One 8x8 image per digit: the mean of all the images of that digit.
digit_means = [____ for digit in range(10)]
digit_mean_images.check(digit_means)
# --8<-- [end:digit_mean_images_start]

# --8<-- [start:digit_mean_images_solution]
import matplotlib.pyplot as plt
from sklearn.datasets import load_digits

from tutorial_code.exercise_checks.digits import digit_mean_images

digits = load_digits()
# One 8x8 image per digit: the mean of all the images of that digit.
digit_means = [
    digits.images[digits.target == digit].mean(axis=0) for digit in range(10)
]
digit_mean_images.check(digit_means)

fig, axes = plt.subplots(2, 5, figsize=(7.5, 3.7))
for digit, (ax, mean) in enumerate(zip(axes.flat, digit_means)):
    ax.imshow(mean, cmap="gray_r", vmin=-4, vmax=16)
    ax.set_title(f"digit {digit}", fontsize=11)
    ax.set_xticks([])
    ax.set_yticks([])
plt.show()
# --8<-- [end:digit_mean_images_solution]

# --8<-- [start:precision_per_digit_start]
from tutorial_code.exercise_checks.digits import precision_per_digit


def precision(matrix):
    """For each digit d: of the images predicted as d, the share that
    are d. matrix[i, j] counts the images of digit i predicted as j."""
    return ____


precision_per_digit.check(precision)
# --8<-- [end:precision_per_digit_start]

# --8<-- [start:precision_per_digit_solution]
import numpy as np
from sklearn.cluster import KMeans
from sklearn.datasets import load_digits
from sklearn.metrics import confusion_matrix

from tutorial_code.digits.matching import hungarian_mapping
from tutorial_code.exercise_checks.digits import precision_per_digit


def precision(matrix):
    """For each digit d: of the images predicted as d, the share that
    are d. matrix[i, j] counts the images of digit i predicted as j."""
    return matrix.diagonal() / matrix.sum(axis=0)


precision_per_digit.check(precision)

# The chapter's fit, each cluster matched to its own digit.
digits = load_digits()
kmeans = KMeans(n_clusters=10, n_init=10, random_state=0)
clusters = kmeans.fit_predict(digits.data)
predicted = hungarian_mapping(digits.target, clusters)[clusters]
matrix = confusion_matrix(digits.target, predicted)
digit_precision = precision(matrix)
most_trusted = int(digit_precision.argmax())
least_trusted = int(digit_precision.argmin())
print("precision of each digit:", np.round(digit_precision, 2))
print(
    f"most trusted: {most_trusted} ({digit_precision[most_trusted]:.0%}), "
    f"least: {least_trusted} ({digit_precision[least_trusted]:.0%})"
)
# The images predicted as the least trusted digit, by their true digit:
column = matrix[:, least_trusted]
intruders = column.copy()
intruders[least_trusted] = 0
least_trusted_intruder = int(intruders.argmax())  # the most frequent other
print(f"images predicted as {least_trusted}, by true digit: {column}")
# --8<-- [end:precision_per_digit_solution]

# --8<-- [start:standardised_accuracy_start]
from sklearn.cluster import KMeans
from sklearn.datasets import load_digits
from sklearn.preprocessing import StandardScaler

from tutorial_code.digits.matching import hungarian_mapping, mapped_accuracy
from tutorial_code.exercise_checks.digits import standardised_accuracy

digits = load_digits()
X = ____  # every pixel standardised: mean 0, standard deviation 1
clusters = ____  # KMeans(n_clusters=10, n_init=10, random_state=0) on X
scaled_accuracy = ____  # the one-to-one accuracy of those clusters
standardised_accuracy.check(scaled_accuracy)
# --8<-- [end:standardised_accuracy_start]

# --8<-- [start:standardised_accuracy_solution]
import numpy as np
from sklearn.cluster import KMeans
from sklearn.datasets import load_digits
from sklearn.preprocessing import StandardScaler

from tutorial_code.digits.matching import hungarian_mapping, mapped_accuracy
from tutorial_code.exercise_checks.digits import standardised_accuracy

digits = load_digits()
X = StandardScaler().fit_transform(digits.data)
clusters = KMeans(n_clusters=10, n_init=10, random_state=0).fit_predict(X)
mapping = hungarian_mapping(digits.target, clusters)
scaled_accuracy = mapped_accuracy(digits.target, clusters, mapping)
standardised_accuracy.check(scaled_accuracy)

# The same fit on the raw pixels, for comparison.
raw = KMeans(n_clusters=10, n_init=10, random_state=0)
raw_clusters = raw.fit_predict(digits.data)
raw_mapping = hungarian_mapping(digits.target, raw_clusters)
raw_accuracy = mapped_accuracy(digits.target, raw_clusters, raw_mapping)
print(f"one-to-one accuracy, raw pixels:          {raw_accuracy:.1%}")
print(f"one-to-one accuracy, standardised pixels: {scaled_accuracy:.1%}")

# Why? How much each pixel varies before scaling, and what scaling makes
# of a pixel that is almost always blank.
spread = digits.data.std(axis=0).reshape(8, 8)
faint = (spread > 0) & (spread < 1)
n_faint_pixels = int(faint.sum())
n_faint_on_border = n_faint_pixels - int(faint[1:-1, 1:-1].sum())
n_blank_pixels = int(np.sum(spread == 0))
largest_scaled = float(X.max())
print(f"pixels blank in every image:              {n_blank_pixels}")
print(f"pixels inked but with a spread below 1:   {n_faint_pixels}")
print(f"  of them on the border of the 8x8 grid:  {n_faint_on_border}")
print(f"largest standardised value: {largest_scaled:.1f} (raw pixels: 0-16)")
# --8<-- [end:standardised_accuracy_solution]

# --8<-- [start:match_centres_to_digits_start]
import numpy as np
from scipy.optimize import linear_sum_assignment

from tutorial_code.exercise_checks.digits import match_centres_to_digits


def match_centres(centres, means):
    """mapping[c]: the digit of centre c. One row of pixels per centre
    and per digit's mean; each centre gets a digit of its own, and the
    matched pairs are as close as can be in total."""
    costs = ____  # costs[c, d]: squared distance, centre c to mean d
    centre_rows, digit_columns = ____  # the best one-to-one matching
    mapping = np.empty(len(centres), dtype=int)
    mapping[centre_rows] = digit_columns  # each matched centre: its digit
    return mapping


match_centres_to_digits.check(match_centres)
# --8<-- [end:match_centres_to_digits_start]

# --8<-- [start:match_centres_to_digits_solution]
import numpy as np
from scipy.optimize import linear_sum_assignment
from sklearn.cluster import KMeans
from sklearn.datasets import load_digits

from tutorial_code.digits.matching import hungarian_mapping
from tutorial_code.exercise_checks.digits import match_centres_to_digits


def match_centres(centres, means):
    """mapping[c]: the digit of centre c. One row of pixels per centre
    and per digit's mean; each centre gets a digit of its own, and the
    matched pairs are as close as can be in total."""
    costs = ((centres[:, None, :] - means[None, :, :]) ** 2).sum(axis=2)
    centre_rows, digit_columns = linear_sum_assignment(costs)
    mapping = np.empty(len(centres), dtype=int)
    mapping[centre_rows] = digit_columns  # each matched centre: its digit
    return mapping


match_centres_to_digits.check(match_centres)

# On the chapter's fit: name the clusters by pictures, then by labels.
digits = load_digits()
kmeans = KMeans(n_clusters=10, n_init=10, random_state=0).fit(digits.data)
means = np.array(
    [digits.data[digits.target == digit].mean(axis=0) for digit in range(10)]
)
by_pictures = match_centres(kmeans.cluster_centers_, means)
by_labels = hungarian_mapping(digits.target, kmeans.labels_)
n_agree = int(np.sum(by_pictures == by_labels))
# Each centre's nearest mean on its own, without one-to-one:
costs = ((kmeans.cluster_centers_[:, None] - means[None]) ** 2).sum(axis=2)
nearest = costs.argmin(axis=1)
nearest_shared = np.flatnonzero(np.bincount(nearest, minlength=10) > 1)
print("digit of each cluster, by pictures:", by_pictures)
print("digit of each cluster, by labels:  ", by_labels)
print(f"clusters given the same digit both ways: {n_agree} of 10")
print("each centre's nearest mean:         ", nearest)
print("digits nearest to several centres:", nearest_shared.tolist())
nearest_shared = nearest_shared.tolist()
nearest_is_one_to_one = not nearest_shared
all_agree = n_agree == 10
# --8<-- [end:match_centres_to_digits_solution]

from tutorial_code.claims import claim
from tutorial_code.exercise_checks import claim_each_checked
from tutorial_code.exercise_checks import digits as digits_checks

claim(
    "standardising_lowers_accuracy",
    scaled_accuracy < raw_accuracy and largest_scaled > 16,
    "standardising the pixels lowers the one-to-one accuracy, and turns "
    "the ink of a faint pixel into values far above a raw pixel's 16",
)
claim_each_checked(digits_checks)
