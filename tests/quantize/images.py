"""Image files of every kind the quantizer reads, made from a real photo."""

import struct
import zlib
from pathlib import Path

import numpy as np
from PIL import Image
from sklearn.datasets import load_sample_image

# A 48 x 64 detail of a real photograph: thousands of distinct colours.
PHOTO = load_sample_image("china.jpg")[100:148, 200:264]
HEIGHT, WIDTH = PHOTO.shape[:2]


def png_chunk(kind: bytes, data: bytes) -> bytes:
    body = kind + data
    return (
        struct.pack(">I", len(data))
        + body
        + struct.pack(">I", zlib.crc32(body))
    )


def png_bytes(
    width: int, height: int, bit_depth: int, colour_type: int, rows: bytes
) -> bytes:
    """A PNG file written by hand (Pillow cannot write 16-bit RGB)."""
    header = struct.pack(
        ">IIBBBBB", width, height, bit_depth, colour_type, 0, 0, 0
    )
    return (
        b"\x89PNG\r\n\x1a\n"
        + png_chunk(b"IHDR", header)
        + png_chunk(b"IDAT", zlib.compress(rows))
        + png_chunk(b"IEND", b"")
    )


def alpha_mask() -> np.ndarray:
    """Opaque left half, a transparency gradient, a transparent right part."""
    alpha = np.full((HEIGHT, WIDTH), 255, dtype=np.uint8)
    alpha[:, WIDTH // 2 :] = np.linspace(255, 0, WIDTH - WIDTH // 2)
    alpha[:, -8:] = 0
    return alpha


def write_rgb_png(path: Path) -> None:
    Image.fromarray(PHOTO).save(path)


def write_rgba_png(path: Path) -> None:
    Image.fromarray(np.dstack([PHOTO, alpha_mask()])).save(path)


def write_grayscale_png(path: Path) -> None:
    Image.fromarray(PHOTO).convert("L").save(path)


def write_palette_png(path: Path) -> None:
    Image.fromarray(PHOTO).quantize(64).save(path)


def write_palette_png_with_transparency(path: Path) -> None:
    image = Image.fromarray(PHOTO).quantize(64)
    image.save(path, transparency=0)  # palette entry 0 is transparent


def write_16_bit_grayscale_png(path: Path) -> None:
    gray = np.asarray(Image.fromarray(PHOTO).convert("L"), dtype=np.uint16)
    Image.fromarray(gray * 257).save(path)  # 0-255 spread over 0-65535


def write_16_bit_rgb_png(path: Path) -> None:
    deep = PHOTO.astype(">u2") * 257
    rows = b"".join(b"\0" + row.tobytes() for row in deep)  # filter 0
    path.write_bytes(png_bytes(WIDTH, HEIGHT, 16, 2, rows))


def write_cmyk_jpeg(path: Path) -> None:
    Image.fromarray(PHOTO).convert("CMYK").save(path, quality=95)


def write_rotated_jpeg(path: Path) -> None:
    """Stored landscape, with EXIF orientation 6: shown rotated, portrait."""
    exif = Image.Exif()
    exif[0x0112] = 6  # Orientation: rotate 90° clockwise to display
    Image.fromarray(PHOTO).save(path, quality=95, exif=exif)


def write_tiny_png(path: Path) -> None:
    """2 x 3 pixels in 3 colours: fewer than any palette asked for."""
    red, green, blue = (255, 0, 0), (0, 255, 0), (0, 0, 255)
    pixels = np.array([[red, green, blue], [blue, red, red]], dtype=np.uint8)
    Image.fromarray(pixels).save(path)


def write_decompression_bomb(path: Path) -> None:
    """A tiny PNG file whose header claims 40,000 x 40,000 pixels."""
    path.write_bytes(png_bytes(40_000, 40_000, 8, 2, b""))


# Each kind of input, the (width, height) it reads as, and whether it has
# transparency.
INPUTS = {
    "rgb.png": (write_rgb_png, (WIDTH, HEIGHT), False),
    "rgba.png": (write_rgba_png, (WIDTH, HEIGHT), True),
    "grayscale.png": (write_grayscale_png, (WIDTH, HEIGHT), False),
    "palette.png": (write_palette_png, (WIDTH, HEIGHT), False),
    "palette-transparent.png": (
        write_palette_png_with_transparency,
        (WIDTH, HEIGHT),
        True,
    ),
    "grayscale-16-bit.png": (
        write_16_bit_grayscale_png,
        (WIDTH, HEIGHT),
        False,
    ),
    "rgb-16-bit.png": (write_16_bit_rgb_png, (WIDTH, HEIGHT), False),
    "cmyk.jpg": (write_cmyk_jpeg, (WIDTH, HEIGHT), False),
    "exif-rotated.jpg": (write_rotated_jpeg, (HEIGHT, WIDTH), False),
    "tiny.png": (write_tiny_png, (3, 2), False),
}
