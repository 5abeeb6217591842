"""Going further 2: k-means against other colour quantizers, at 16 colours.

Page: docs/colours_further/rivals.md
"""

from tutorial_code.quantize.quality import psnr
from tutorial_code.quantize.image_files import write_indexed_png
from tutorial_code.quantize.quantizer import quantize

# --8<-- [start:methods]
import numpy as np
from PIL import Image
from sklearn.cluster import KMeans, MiniBatchKMeans
from sklearn.datasets import load_sample_image
from sklearn.metrics import pairwise_distances_argmin

china = load_sample_image("china.jpg")
pixels = china.reshape(-1, 3)
n_colours = 16


def kmeans_on_all_pixels(model):
    """Fit a scikit-learn model on every pixel; its palette and labels."""
    model.fit(pixels.astype(np.float32))
    return model.cluster_centers_.round().astype(np.uint8), model.labels_


def pillow(method):
    """Pillow's own quantizer, without dithering."""
    indexed = Image.fromarray(china).quantize(
        n_colours, method=method, dither=Image.Dither.NONE
    )
    palette = np.array(indexed.getpalette(), np.uint8).reshape(-1, 3)
    return palette, np.asarray(indexed)


def random_palette():
    """16 pixels picked at random as the palette: the bar to clear."""
    rng = np.random.default_rng(0)
    palette = pixels[rng.choice(len(pixels), n_colours, replace=False)]
    return palette, pairwise_distances_argmin(pixels, palette)


methods = {  # short names: they are the table's rows
    "kmeans_sample": lambda: quantize(china, n_colours),  # 15,000 pixels
    "kmeans_all": lambda: kmeans_on_all_pixels(
        KMeans(n_clusters=n_colours, n_init=1, random_state=0)
    ),
    "minibatch_all": lambda: kmeans_on_all_pixels(
        MiniBatchKMeans(n_clusters=n_colours, n_init=3, random_state=0)
    ),
    "median_cut": lambda: pillow(Image.Quantize.MEDIANCUT),
    "max_coverage": lambda: pillow(Image.Quantize.MAXCOVERAGE),
    "fast_octree": lambda: pillow(Image.Quantize.FASTOCTREE),
    "random": random_palette,
}
# --8<-- [end:methods]

# --8<-- [start:compare]
import time

seconds, quality_db, png_bytes, colours_used, results = {}, {}, {}, {}, {}
for number, (name, method) in enumerate(methods.items()):
    start_seconds = time.perf_counter()
    palette, indices = method()
    seconds[name] = time.perf_counter() - start_seconds
    indices = np.asarray(indices).reshape(china.shape[:2])
    results[name] = palette[indices]
    quality_db[name] = psnr(china, results[name])
    png_bytes[name] = write_indexed_png(
        f"method-{number}.png", palette, indices
    )
    colours_used[name] = len(np.unique(indices))
print(f"{'':16}{'time':>8}{'PSNR':>10}{'PNG bytes':>11}{'colours':>9}")
for name in methods:
    print(
        f"{name:16}{seconds[name]:6.2f} s{quality_db[name]:7.2f} dB"
        f"{png_bytes[name]:>11,}{colours_used[name]:>9}"
    )
best = max(quality_db, key=quality_db.get)
# --8<-- [end:compare]

# --8<-- [start:details]
import matplotlib.pyplot as plt

detail = (slice(150, 250), slice(240, 390))  # a 100 x 150 pixel detail
fig, axes = plt.subplots(2, 4, figsize=(10, 4.4))
shown = [("original", china), *results.items()]
for ax, (name, image) in zip(axes.ravel(), shown):
    ax.imshow(image[detail], interpolation="nearest")
    label = "" if name == "original" else f"\n{quality_db[name]:.1f} dB"
    ax.set_title(f"{name}{label}", fontsize=9)
    ax.set_axis_off()
fig.tight_layout()
plt.show()
# --8<-- [end:details]
