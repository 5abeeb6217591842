"""Going further: distances to k-means centres as features for a classifier.

Page: docs/digits_further/features.md
"""

# --8<-- [start:baseline]
from sklearn.datasets import load_digits
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import StratifiedKFold, cross_val_score
from sklearn.model_selection import train_test_split

X, y = load_digits(return_X_y=True)
X = X / 16  # brightness 0..16 -> 0..1
X_train, X_test, y_train, y_test = train_test_split(
    X, y, test_size=0.25, stratify=y, random_state=0
)
folds = StratifiedKFold(n_splits=3, shuffle=True, random_state=0)
pixels_model = LogisticRegression(max_iter=1000)
# Cross-validation on the training set only: the score k will be chosen by.
pixels_cv = cross_val_score(pixels_model, X_train, y_train, cv=folds)
pixels_model.fit(X_train, y_train)
pixels_accuracy = pixels_model.score(X_test, y_test)
print(f"raw pixels: cross-validated {pixels_cv.mean():.1%} on the training")
print(f"set, {pixels_accuracy:.1%} on the {len(X_test)} test images")
# --8<-- [end:baseline]

# --8<-- [start:search]
from sklearn.cluster import KMeans
from sklearn.model_selection import GridSearchCV
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import StandardScaler

pipeline = Pipeline(
    [
        # KMeans.transform: each image's distance to each of the k centres.
        ("kmeans", KMeans(n_init=1, random_state=0)),
        # The k distances are on similar scales and strongly correlated:
        # standardising them lets the solver converge in far fewer steps.
        ("scale", StandardScaler()),
        ("classify", LogisticRegression(max_iter=1000)),
    ]
)
k_values = [10, 25, 50, 100]
search = GridSearchCV(pipeline, {"kmeans__n_clusters": k_values}, cv=folds)
search.fit(X_train, y_train)  # 3 folds x 4 values of k, then a refit
best_k = search.best_params_["kmeans__n_clusters"]
features_accuracy = search.score(X_test, y_test)
print(f"best k by cross-validation: {best_k}")
print(f"cluster distances: {features_accuracy:.1%} on the test images")
# --8<-- [end:search]

# --8<-- [start:plot]
import matplotlib.pyplot as plt

results = search.cv_results_
cv_mean = results["mean_test_score"]
cv_std = results["std_test_score"]
fig, ax = plt.subplots(figsize=(7, 3.6))
ax.errorbar(
    k_values,
    100 * cv_mean,
    yerr=100 * cv_std,
    marker="o",
    capsize=4,
    label="k-means distances, then logistic regression",
)
ax.axhline(
    100 * pixels_cv.mean(),
    color="C1",
    linestyle="--",
    label="logistic regression on the 64 pixels",
)
ax.set_xlabel("k, the number of clusters (= features)")
ax.set_ylabel("cross-validated\naccuracy (%)")
ax.set_xticks(k_values)
ax.legend(loc="lower right")
plt.show()
n_k_values, smallest_k = len(k_values), k_values[0]
cv_smallest, cv_best = float(cv_mean[0]), float(cv_mean.max())
pixels_cv_mean = float(pixels_cv.mean())
best_cv_beats_pixels = cv_best > pixels_cv_mean
# --8<-- [end:plot]

# --8<-- [start:verdict]
gain = features_accuracy - pixels_accuracy
n_images_gained = round(gain * len(y_test))
fold_spread = float(max(cv_std.max(), pixels_cv.std()))
features_win = gain > 0
same_within_noise = abs(gain) <= fold_spread
print(f"test accuracy, distances - pixels: {100 * gain:+.1f} points")
print(f"= {n_images_gained:+d} of the {len(y_test)} test images")
n_images_apart, n_test = abs(n_images_gained), len(y_test)
print(f"largest fold-to-fold spread (std): {fold_spread:.1%}")
# --8<-- [end:verdict]
