"""Going further 3: embed first, then cluster; and evaluate on held-out data.

Page: docs/digits_further/embedding.md
"""

from tutorial_code.digits.matching import hungarian_mapping, mapped_accuracy

# --8<-- [start:tsne]
from sklearn.datasets import load_digits
from sklearn.manifold import TSNE

X, y = load_digits(return_X_y=True)
# Each 64-pixel image becomes a point in the plane; similar images stay near.
embedding = TSNE(
    n_components=2, init="pca", learning_rate="auto", random_state=0
).fit_transform(X)
print(f"embedding: {embedding.shape}")
# --8<-- [end:tsne]

# --8<-- [start:cluster]
from sklearn.cluster import KMeans

clusters = KMeans(n_clusters=10, n_init=10, random_state=0).fit_predict(
    embedding
)
mapping = hungarian_mapping(y, clusters)
tsne_accuracy = mapped_accuracy(y, clusters, mapping)
pixels_clusters = KMeans(n_clusters=10, n_init=10, random_state=0).fit_predict(
    X
)
pixels_accuracy = mapped_accuracy(
    y, pixels_clusters, hungarian_mapping(y, pixels_clusters)
)
print(f"k-means on the t-SNE embedding: accuracy {tsne_accuracy:.1%}")
print(f"k-means on the 64 pixels:       accuracy {pixels_accuracy:.1%}")
# --8<-- [end:cluster]

# --8<-- [start:scatter]
import matplotlib.pyplot as plt
import numpy as np

wrong = mapping[clusters] != y
fig, ax = plt.subplots(figsize=(6.4, 5.2))
ax.scatter(*embedding.T, c=clusters, cmap="tab10", s=6)
ax.scatter(
    *embedding[wrong].T,
    marker="X",
    s=30,
    color="black",
    edgecolors="white",  # visible on any cluster colour
    linewidths=0.5,
    label="mistake",
)
for cluster in range(10):  # the digit each cluster stands for, at its centre
    x, y_position = np.median(embedding[clusters == cluster], axis=0)
    ax.annotate(
        str(mapping[cluster]),
        (x, y_position),
        fontsize=14,
        weight="bold",
        ha="center",
        va="center",
        bbox={"boxstyle": "circle", "facecolor": "white", "alpha": 0.8},
    )
ax.set_title("t-SNE of the digits, coloured by k-means cluster")
ax.set_xticks([])
ax.set_yticks([])
ax.legend(loc="lower right")
plt.show()
n_mistakes = int(wrong.sum())
# --8<-- [end:scatter]

# --8<-- [start:no_new_points]
print("TSNE can place new images:", hasattr(TSNE(), "transform"))
# --8<-- [end:no_new_points]

# --8<-- [start:held_out]
from sklearn.decomposition import PCA
from sklearn.model_selection import train_test_split
from sklearn.pipeline import make_pipeline

X_train, X_test, y_train, y_test = train_test_split(
    X, y, test_size=0.3, stratify=y, random_state=0
)


def held_out_accuracy(model, train_images, train_labels, images, labels):
    """Fit the clustering, and its cluster -> digit mapping, on the training
    split only; return the mapping and the accuracy on unseen ``images``."""
    model.fit(train_images)
    mapping = hungarian_mapping(train_labels, model.predict(train_images))
    return mapping, mapped_accuracy(labels, model.predict(images), mapping)


pipelines = {
    "pixels": make_pipeline(  # k-means on the 64 pixels
        KMeans(n_clusters=10, n_init=10, random_state=0)
    ),
    "pca_2d": make_pipeline(  # PCA to 2 dimensions, then k-means
        PCA(n_components=2, random_state=0),
        KMeans(n_clusters=10, n_init=10, random_state=0),
    ),
}
test_accuracy = {}
for name, pipeline in pipelines.items():
    _, test_accuracy[name] = held_out_accuracy(
        pipeline, X_train, y_train, X_test, y_test
    )
    print(f"{name:6} accuracy on unseen images: {test_accuracy[name]:.1%}")
# --8<-- [end:held_out]

from tutorial_code.claims import claim

claim(
    "pixels_four_in_five",
    0.75 <= pixels_accuracy <= 0.85,
    "k-means on the raw pixels gets about four digits in five right",
)
claim(
    "tsne_raises_a_lot",
    tsne_accuracy > pixels_accuracy + 0.1,
    "clustering the t-SNE map is more than 10 points more accurate",
)
claim(
    "linear_map_loses_a_lot",
    test_accuracy["pca_2d"] < test_accuracy["pixels"] - 0.1,
    "on unseen images, PCA to 2-D then k-means is more than 10 points less "
    "accurate than k-means on the pixels",
)
