"""Lesson 4: quantize your own image, from Python or from the command line.

Page: docs/colours/own_image.md (the page shows the functions it uses)
"""

from tutorial_code.quantize.quality import psnr
from tutorial_code.quantize.image_files import read_image, write_indexed_png
from tutorial_code.quantize.quantizer import quantize
from tutorial_code.timing import best_seconds

# --8<-- [start:photo]
from importlib.resources import files
from pathlib import Path

# Your own photo goes here. To follow along, use a copy of china.jpg.
jpeg = (files("sklearn.datasets.images") / "china.jpg").read_bytes()
Path("photo.jpg").write_bytes(jpeg)
# --8<-- [end:photo]

# --8<-- [start:run]
image = read_image("photo.jpg")
palette, indices = quantize(image, 16)
png_bytes = write_indexed_png("photo-16-colours.png", palette, indices)
quality_db = psnr(image, palette[indices])
jpeg_bytes = len(jpeg)
png_smaller_than_jpeg = png_bytes < jpeg_bytes
print(f"image:   {image.shape}, {image.dtype}")
print(f"palette: {palette.shape}, indices: {indices.shape}, {indices.dtype}")
print(f"PSNR {quality_db:.2f} dB; {jpeg_bytes:,} bytes -> {png_bytes:,} bytes")
# --8<-- [end:run]

# --8<-- [start:look]
import matplotlib.pyplot as plt
import numpy as np

fig, axes = plt.subplot_mosaic(
    [["photo", "quantized"], ["palette", "palette"]],
    figsize=(10, 4.3),
    height_ratios=[6, 0.7],
)
axes["photo"].imshow(image)
axes["photo"].set_title("photo.jpg", fontsize=13)
axes["quantized"].imshow(palette[indices])
axes["quantized"].set_title("photo-16-colours.png", fontsize=13)
for name in ["photo", "quantized"]:
    axes[name].set_axis_off()
# The palette from dark to light, one swatch per colour.
by_brightness = palette[np.argsort(palette.sum(axis=1))]
axes["palette"].imshow(by_brightness[None, :, :], aspect="auto")
axes["palette"].set_title("the palette", fontsize=13)
axes["palette"].set_xticks([])
axes["palette"].set_yticks([])
fig.tight_layout()
plt.show()
# --8<-- [end:look]

# --8<-- [start:large]
import tracemalloc

from PIL import Image

# A 12-megapixel photo: china.jpg enlarged to 4240 x 2829 pixels.
large = np.asarray(Image.fromarray(image).resize((4240, 2829)))
n_large = large.shape[0] * large.shape[1]
large_seconds = best_seconds(quantize, large, 16)  # warm, best of three
print(f"{n_large:,} pixels quantized in {large_seconds * 1000:.1f} ms")

# Again, now following every NumPy array made (which slows it down).
tracemalloc.start()
palette_large, indices_large = quantize(large, 16)
peak_megabytes = tracemalloc.get_traced_memory()[1] / 1e6
tracemalloc.stop()
indices_megabytes = indices_large.nbytes / 1e6
float64_megabytes = large.size * 8 / 1e6  # what `large / 255` would take
print(f"new arrays at the peak: {peak_megabytes:.1f} MB in all,")
print(f"  {indices_megabytes:.0f} MB of them the palette indices")
print(f"`large / 255` alone would take {float64_megabytes:,.0f} MB")
# --8<-- [end:large]

from tutorial_code.claims import claim

claim(
    "little_memory",
    peak_megabytes < float64_megabytes / 5,
    "quantize's new arrays take far less than a float64 copy of the photo",
)
