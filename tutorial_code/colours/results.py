"""Lesson 3: compare the images, measure quality, and the honest sizes.

Page: docs/colours/results.md (continues lessons 1 and 2)
"""

from tutorial_code.quantize.quality import psnr
from tutorial_code.colours.quantization import labels, palette, quantized
from tutorial_code.colours.sample_image import china, jpeg_bytes

# --8<-- [start:side_by_side]
import matplotlib.pyplot as plt

fig, axes = plt.subplots(1, 2, figsize=(10, 3.7))
for ax, image, title in zip(
    axes, [china, quantized], ["original", "16 colours"]
):
    ax.imshow(image)
    ax.set_title(title, fontsize=13)
    ax.set_axis_off()
fig.tight_layout()
plt.show()
# --8<-- [end:side_by_side]

# --8<-- [start:zoom]
# A 100 x 150 pixel detail, each pixel drawn as a block.
detail = (slice(150, 250), slice(240, 390))
fig, axes = plt.subplots(1, 2, figsize=(10, 3.6))
for ax, image, title in zip(
    axes, [china, quantized], ["original", "16 colours"]
):
    ax.imshow(image[detail], interpolation="nearest")
    ax.set_title(f"{title}, detail", fontsize=13)
    ax.set_axis_off()
fig.tight_layout()
plt.show()
# --8<-- [end:zoom]

# --8<-- [start:quality]
quality_db = psnr(china, quantized)
print(f"PSNR of the 16-colour image: {quality_db:.2f} dB")
# --8<-- [end:quality]

# --8<-- [start:png]
import numpy as np
from PIL import Image

# An indexed image: one palette index (0-15) per pixel, plus the palette.
indexed = Image.fromarray(labels.reshape(china.shape[:2]).astype(np.uint8))
indexed.putpalette((palette * 255).round().astype(np.uint8).ravel().tolist())
indexed.save("china-16-colours.png")
print(f"mode {indexed.mode}, {len(indexed.getcolors())} colours in use")
# --8<-- [end:png]

# --8<-- [start:sizes]
from pathlib import Path

n_pixels = china.shape[0] * china.shape[1]
raw_bytes = china.nbytes  # 24 bits = 3 bytes per pixel
packed_bytes = (n_pixels + 1) // 2 + 16 * 3  # 2 pixels a byte, 16 RGB colours
png_bytes = Path("china-16-colours.png").stat().st_size
float64_bytes = (china / 255).nbytes  # 8 bytes per channel per pixel
sizes = {
    "raw array, 24 bits/pixel (uint8)": raw_bytes,
    "china.jpg as shipped (JPEG)": jpeg_bytes,
    "computed: 4 bits/pixel + palette": packed_bytes,
    "16-colour indexed PNG file": png_bytes,
    "float64 array from china / 255": float64_bytes,
}
print(f"{'':36}{'bytes':>11}  raw / size")
for name, size in sizes.items():
    print(f"{name:36}{size:>11,}  {raw_bytes / size:9.2f}")
# --8<-- [end:sizes]

# --8<-- [start:claim]
claimed_factor = 256**3 / 16  # 16.7 million possible colours over 16 colours
packed_factor = raw_bytes / packed_bytes
bits_factor = 24 / 4  # bits per pixel before and after
print(f"'compression factor' from counting colours: {claimed_factor:,.0f}")
print(f"bits per pixel, 24 -> 4:                    {bits_factor:.0f}")
print(f"bytes, raw array -> 4-bit packed + palette: {packed_factor:.2f}")
# --8<-- [end:claim]

from tutorial_code.claims import claim

claim(
    "floats_larger",
    float64_bytes > raw_bytes,
    "the float64 array is larger than the original uint8 array",
)
claim(
    "about_six",
    abs(packed_factor - bits_factor) < 0.5,
    "the packed image is about 24 / 4 = 6 times smaller, not a million",
)
