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
closer = (slice(15, 45), slice(245, 305))  # its middle, twice as large
dithered = np.asarray(remapped["FLOYDSTEINBERG"].convert("RGB"))
shown = [
    ("original", china[detail]),
    ("16 colours", np.asarray(remapped["NONE"].convert("RGB"))[detail]),
    ("16 colours, dithered", dithered[detail]),
    ("dithered, closer", dithered[closer]),
]
fig, axes = plt.subplots(2, 2, figsize=(8, 4.6))
for ax, (title, image) in zip(axes.flat, shown, strict=True):
    ax.imshow(image, interpolation="nearest")
    ax.set_title(title, fontsize=11)
    ax.set_xticks([])  # no ticks, but a frame around each image
    ax.set_yticks([])
fig.tight_layout()
plt.show()
# --8<-- [end:zoom]

from tutorial_code.claims import claim

claim(
    "dithering_lowers_psnr",
    dithering_lowers_psnr,
    "dithering lowers the PSNR: it moves pixels off their nearest colour",
)
claim(
    "dithering_grows_file",
    dithering_grows_file,
    "dithering makes the PNG file larger: its patterns compress less well",
)
