"""Read any image as 8-bit RGB or RGBA pixels; write an indexed PNG safely.

Shown on the page docs/colours/own_image.md.
"""

# --8<-- [start:read]
import warnings
from pathlib import Path

import numpy as np
from PIL import Image, ImageOps


def read_image(path: str | Path) -> np.ndarray:
    """The pixels of an image file as uint8, shape (height, width, 3 or 4).

    The EXIF orientation is applied, so the array is the right way up.
    Grayscale, palette, CMYK and 16-bit images become 8-bit RGB; an image
    with transparency becomes RGBA. Pillow's limit on the number of pixels
    (about 89 million) guards against decompression bombs: a small file
    that claims a huge size raises ``Image.DecompressionBombWarning``.
    """
    with warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        with Image.open(path) as image:
            image.load()  # decode now: a truncated file raises OSError
            ImageOps.exif_transpose(image, in_place=True)
    if image.mode.startswith("I"):  # 16-bit grayscale: keep the high byte
        gray = np.asarray(image).clip(0, 2**16 - 1) >> 8
        return np.repeat(gray.astype(np.uint8)[..., None], 3, axis=-1)
    if image.has_transparency_data:
        pixels = np.array(image.convert("RGBA"))
        if (pixels[..., 3] < 255).any():
            # Fully transparent pixels look alike whatever their colour:
            # make them one colour, so that they need one palette entry.
            pixels[pixels[..., 3] == 0] = 0
            return pixels
    if image.mode != "RGB":
        image = image.convert("RGB")
    return np.asarray(image)


# --8<-- [end:read]

# --8<-- [start:write]
# Imported again, so that this section also works pasted on its own.
import os
import secrets
from pathlib import Path

import numpy as np
from PIL import Image


def write_indexed_png(
    path: str | Path, palette: np.ndarray, indices: np.ndarray
) -> int:
    """Save palette indices as a PNG palette image; return its size in bytes.

    ``palette`` holds RGB or RGBA colours (uint8, at most 256 rows). The file
    is written under a temporary name in the same folder, then renamed: it
    appears complete or not at all, even if the writing is interrupted.
    """
    path = Path(path)
    indexed = Image.fromarray(indices.astype(np.uint8))
    rawmode = "RGBA" if palette.shape[1] == 4 else "RGB"
    # The indices become a palette ("P") image, the palette its colours.
    indexed.putpalette(palette.astype(np.uint8).tobytes(), rawmode=rawmode)
    temporary = path.with_name(f".{path.name}.{secrets.token_hex(4)}.tmp")
    try:
        with open(temporary, "xb") as file:
            indexed.save(file, format="PNG")
            file.flush()
            os.fsync(file.fileno())
        temporary.replace(path)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
    return path.stat().st_size


# --8<-- [end:write]
