"""Going further 4: the same palette, with and without dithering.

Page: docs/colours_further/dithering.md
"""

from tutorial_code.quantize.quality import psnr
from tutorial_code.quantize.quantizer import quantize

# --8<-- [start:remap]
import numpy as np
from PIL import Image
from sklearn.datasets import load_sample_image

china = load_sample_image("china.jpg")
palette, _ = quantize(china, 16)
# Pillow remaps an image to a given palette, with or without dithering.
palette_image = Image.new("P", (1, 1))
palette_image.putpalette(palette.ravel().tolist())
remapped = {
    dither.name: Image.fromarray(china).quantize(
        palette=palette_image, dither=dither
    )
    for dither in (Image.Dither.NONE, Image.Dither.FLOYDSTEINBERG)
}
# --8<-- [end:remap]

# --8<-- [start:measure]
from pathlib import Path

quality_db, png_bytes = {}, {}
for name, indexed in remapped.items():
    indexed.save(f"{name}.png")
    png_bytes[name] = Path(f"{name}.png").stat().st_size
    quality_db[name] = psnr(china, np.asarray(indexed.convert("RGB")))
    print(
        f"{name:15} PSNR {quality_db[name]:.2f} dB, {png_bytes[name]:,} bytes"
    )
dithering_lowers_psnr = quality_db["FLOYDSTEINBERG"] < quality_db["NONE"]
dithering_grows_file = png_bytes["FLOYDSTEINBERG"] > png_bytes["NONE"]
# --8<-- [end:measure]

# --8<-- [start:zoom]
import matplotlib.pyplot as plt

detail = (slice(0, 60), slice(215, 335))  # sky, across the edge of a band
fig, axes = plt.subplots(1, 3, figsize=(10, 2.6))
titles = {"NONE": "16 colours", "FLOYDSTEINBERG": "16 colours, dithered"}
shown = [("original", china)] + [
    (titles[name], np.asarray(indexed.convert("RGB")))
    for name, indexed in remapped.items()
]
for ax, (title, image) in zip(axes, shown):
    ax.imshow(image[detail], interpolation="nearest")
    ax.set_title(title, fontsize=10)
    ax.set_axis_off()
fig.tight_layout()
plt.show()
# --8<-- [end:zoom]
