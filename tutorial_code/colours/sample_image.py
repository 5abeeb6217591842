"""Lesson 1: load a sample photograph and count its colours.

Page: docs/colours/sample_image.md
"""

# --8<-- [start:load]
from sklearn.datasets import load_sample_image

# scikit-learn reads its sample JPEG images with Pillow.
china = load_sample_image("china.jpg")
height, width, n_channels = china.shape
print(f"shape: {china.shape}: {height} rows, {width} columns, 3 channels")
print(f"dtype: {china.dtype}, values {china.min()} to {china.max()}")
print(f"array: {china.nbytes:,} bytes (1 byte per channel per pixel)")
# --8<-- [end:load]

# --8<-- [start:show]
import matplotlib.pyplot as plt

fig, ax = plt.subplots(figsize=(6.4, 4.27))
ax.imshow(china)
ax.set_axis_off()
plt.show()
# --8<-- [end:show]

# --8<-- [start:file_size]
from importlib.resources import files

jpeg_bytes = len((files("sklearn.datasets.images") / "china.jpg").read_bytes())
print(f"china.jpg on disk: {jpeg_bytes:,} bytes")
print(f"the array is {china.nbytes / jpeg_bytes:.1f} times larger")
# --8<-- [end:file_size]

# --8<-- [start:colours]
import numpy as np

pixels = china.reshape(-1, 3)  # one row per pixel: red, green, blue
n_pixels = len(pixels)
n_distinct = len(np.unique(pixels, axis=0))
n_possible = 256**3
print(f"pixels:           {n_pixels:,}")
print(f"distinct colours: {n_distinct:,}")
print(f"possible colours: {n_possible:,} (256 levels in each of 3 channels)")
# --8<-- [end:colours]

from tutorial_code.claims import claim

claim(
    "jpeg_much_smaller",
    china.nbytes > 2 * jpeg_bytes,
    "the JPEG file is much smaller than the array",
)
claim(
    "colours_shared",
    n_distinct < n_pixels,
    "many pixels share a colour: fewer colours than pixels",
)
