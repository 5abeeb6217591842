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

# --8<-- [start:test_set]
n_test = len(y_test)
n_right_features = round(features_accuracy * n_test)
n_right_pixels = round(pixels_accuracy * n_test)
print(f"test images right, of {n_test}: distances {n_right_features},")
print(f"pixels {n_right_pixels}")
# --8<-- [end:test_set]

# --8<-- [start:paired_test]
import numpy as np
from scipy import stats


def paired_verdict(
    differences: np.ndarray, test_share: float
) -> tuple[float, str]:
    """A paired t-test of per-fold differences (distances - pixels): its
    p-value and what it concludes, at the usual 5 % level.

    The variance is corrected for folds that share training images (Nadeau
    and Bengio); ``test_share`` is a fold's test images per training image.
    """
    n_folds = len(differences)
    variance = (1 / n_folds + test_share) * differences.var(ddof=1)
    if variance == 0:  # every fold gave the same difference
        p_value = 1.0 if differences[0] == 0 else 0.0
    else:
        t_statistic = differences.mean() / np.sqrt(variance)
        p_value = float(2 * stats.t.sf(abs(t_statistic), df=n_folds - 1))
    if p_value >= 0.05:
        return p_value, "no clear difference: about the same accuracy"
    if differences.mean() > 0:
        return p_value, "the distances are more accurate"
    return p_value, "the pixels are more accurate"


# Both models, k fixed at best_k, scored on the same ten folds of the
# training set: each fold gives one paired difference of accuracy.
n_folds = 10
paired_folds = StratifiedKFold(n_folds, shuffle=True, random_state=0)
features_scores = cross_val_score(
    search.best_estimator_, X_train, y_train, cv=paired_folds
)
pixels_scores = cross_val_score(
    pixels_model, X_train, y_train, cv=paired_folds
)
differences = features_scores - pixels_scores
p_value, verdict = paired_verdict(differences, test_share=1 / (n_folds - 1))
mean_difference_points = float(100 * differences.mean())
print(f"distances - pixels, mean: {mean_difference_points:+.2f} points")
print(f"folds where the distances scored higher: {np.sum(differences > 0)}")
print(f"folds where the pixels scored higher:    {np.sum(differences < 0)}")
print(f"p-value (corrected paired t-test): {p_value:.2f}")
print(f"verdict: {verdict}")
# --8<-- [end:paired_test]

from tutorial_code.claims import claim

claim(
    "pixels_already_strong",
    pixels_accuracy > 0.95 and pixels_cv_mean > 0.95,
    "logistic regression on the raw pixels is already above 95 % accurate",
)
claim(
    "smallest_k_is_coarse",
    cv_smallest < cv_best - 0.01,
    "the smallest k scores clearly below the best k in cross-validation",
)
