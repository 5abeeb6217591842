"""Lesson 4: read the confusion matrix, and look at the mistakes.

Page: docs/digits/confusion_matrix.md (continues lesson 3)
"""

from tutorial_code.digits.evaluation import clusters, digits, hungarian

# --8<-- [start:matrix]
import matplotlib.pyplot as plt
from sklearn.metrics import ConfusionMatrixDisplay, confusion_matrix

predicted = hungarian[clusters]
matrix = confusion_matrix(digits.target, predicted)

fig, ax = plt.subplots(figsize=(5.2, 4.8))
ConfusionMatrixDisplay(matrix, display_labels=range(10)).plot(
    ax=ax, cmap="Blues", colorbar=False
)
ax.set_xlabel("predicted digit (cluster matched one-to-one)")
ax.set_ylabel("true digit")
plt.show()
# --8<-- [end:matrix]

# --8<-- [start:recall]
import numpy as np

recall = matrix.diagonal() / matrix.sum(axis=1)
best_digit, worst_digit = int(recall.argmax()), int(recall.argmin())
print("share of each digit found:", np.round(recall, 2))
print(
    f"best: {best_digit} ({recall[best_digit]:.0%}), "
    f"worst: {worst_digit} ({recall[worst_digit]:.0%})"
)
# --8<-- [end:recall]

# --8<-- [start:most_confused]
# Off-diagonal cells are mistakes; add each cell to its mirror image to count
# the confusions between two digits in both directions.
mistakes = matrix - np.diag(matrix.diagonal())
pair_mistakes = mistakes + mistakes.T
digit_a, digit_b = np.unravel_index(pair_mistakes.argmax(), matrix.shape)
n_a_as_b = mistakes[digit_a, digit_b]
n_b_as_a = mistakes[digit_b, digit_a]
print(f"most confused pair: {digit_a} and {digit_b}")
print(f"  {n_a_as_b} true {digit_a}s predicted as {digit_b}")
print(f"  {n_b_as_a} true {digit_b}s predicted as {digit_a}")
# Which story? Mostly one way (at least two thirds of the pair's mistakes in
# one direction): one cluster swallowed the other digit's images. Otherwise
# the two clusters blur into each other.
if n_a_as_b >= n_b_as_a:
    swallowed, swallower, n_one_way = digit_a, digit_b, n_a_as_b
else:
    swallowed, swallower, n_one_way = digit_b, digit_a, n_b_as_a
share_one_way = float(n_one_way / (n_a_as_b + n_b_as_a))
mostly_one_way = share_one_way >= 2 / 3
print(f"  {share_one_way:.0%} of them go one way: {swallowed} as {swallower}")
# --8<-- [end:most_confused]

# --8<-- [start:gallery]
a_as_b = np.flatnonzero((digits.target == digit_a) & (predicted == digit_b))
b_as_a = np.flatnonzero((digits.target == digit_b) & (predicted == digit_a))

# One row per direction, up to six images each. Paper light grey (vmin below
# 0), ink black, and a frame: no glaring white tiles on a dark page.
rows = [(a_as_b, digit_a, digit_b), (b_as_a, digit_b, digit_a)]
fig, axes = plt.subplots(2, 6, figsize=(7.5, 3.2))
for row_axes, (indices, true, guess) in zip(axes, rows, strict=True):
    for ax in row_axes:
        ax.set_xticks([])
        ax.set_yticks([])
        ax.set_frame_on(False)
    for ax, index in zip(row_axes, indices[:6]):
        ax.imshow(digits.images[index], cmap="gray_r", vmin=-4, vmax=16)
        ax.set_frame_on(True)
        ax.set_title(f"{true} as {guess}", fontsize=11)
plt.show()
# --8<-- [end:gallery]

from tutorial_code.claims import claim

claim(
    "mostly_on_the_diagonal",
    matrix.trace() > matrix.sum() / 2,
    "most images lie on the diagonal of the confusion matrix",
)
