"""The command ``kmeans-quantize`` (or ``python -m tutorial_code.quantize``).

Reduces an image to a few colours with k-means and writes an indexed PNG.
Bad input ends with one line on stderr and exit status 2: no traceback, no
output file, the input untouched.
"""

import argparse
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import NoReturn, TextIO

import numpy as np
from PIL import Image, UnidentifiedImageError

from tutorial_code.quantize.image_files import read_image, write_indexed_png
from tutorial_code.quantize.measures import (
    CHUNK_SIZE,
    count_colours,
    indexed_psnr,
)

PROG = "kmeans-quantize"
# Images this large take about a second or more: show progress on them.
PROGRESS_PIXELS = 4_000_000
# quantize()'s default (a test checks), written here so that ``--help`` and
# bad input do not wait for the seconds scikit-learn and Numba take to import.
SAMPLE_SIZE = 15_000


class UsageError(Exception):
    """Bad input: the message is the one line the user sees."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        raise UsageError(f"{message} (see {PROG} --help)")


def _integer(low: int, high: int | None = None):
    """An argparse type: an integer from ``low`` to ``high``."""

    def parse(text: str) -> int:
        try:
            value = int(text)
        except ValueError:
            raise argparse.ArgumentTypeError(
                f"not an integer: {text!r}"
            ) from None
        if value < low or (high is not None and value > high):
            limits = f"from {low} to {high}" if high else f"at least {low}"
            raise argparse.ArgumentTypeError(f"must be {limits}, not {value}")
        return value

    return parse


def parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog=PROG,
        description="Reduce an image to a few colours with k-means and save "
        "it as an indexed PNG (a palette plus one index per pixel).",
        epilog=f"example: {PROG} photo.jpg photo-16.png --colors 16",
    )
    parser.add_argument(
        "input", type=Path, metavar="INPUT", help="an image file to read"
    )
    parser.add_argument(
        "output", type=Path, metavar="OUTPUT", help="the PNG file to write"
    )
    parser.add_argument(
        "--colors",
        type=_integer(2, 256),
        default=16,
        metavar="N",
        help="palette size, 2 to 256 (default: %(default)s)",
    )
    parser.add_argument(
        "--seed",
        type=_integer(0),
        default=0,
        help="random seed of the sample and of k-means (default: %(default)s)",
    )
    parser.add_argument(
        "--sample",
        type=_integer(1),
        default=SAMPLE_SIZE,
        metavar="N",
        help="number of random pixels k-means learns the palette from "
        "(default: %(default)s)",
    )
    parser.add_argument(
        "--force",
        action="store_true",
        help="allow OUTPUT to be INPUT (it is replaced)",
    )
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command; return its exit status."""
    try:
        summary = run(parser().parse_args(argv), sys.stderr)
    except UsageError as error:
        print(f"{PROG}: error: {error}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print(f"{PROG}: interrupted, nothing written", file=sys.stderr)
        return 130
    print(summary)
    return 0


def run(arguments: argparse.Namespace, stderr: TextIO) -> str:
    """Quantize ``arguments.input`` into ``arguments.output``; a summary."""
    source, target = arguments.input, arguments.output
    check_output(source, target, arguments.force)
    start_seconds = time.perf_counter()
    image = load(source)
    n_before = count_colours(image)
    input_bytes = source.stat().st_size
    large = image.shape[0] * image.shape[1] >= PROGRESS_PIXELS
    from tutorial_code.quantize.quantizer import quantize  # the input is good

    progress = Progress(stderr if large and stderr.isatty() else None)
    palette, indices = quantize(
        image,
        arguments.colors,
        sample_size=arguments.sample,
        seed=arguments.seed,
        chunk_size=CHUNK_SIZE,
        progress=progress.assigning,
    )
    quality_db = indexed_psnr(image, palette, indices)
    progress.writing()
    try:
        output_bytes = write_indexed_png(target, palette, indices)
    except OSError as error:
        raise UsageError(f"cannot write {target}: {reason(error)}") from None
    finally:
        progress.done()
    seconds = time.perf_counter() - start_seconds
    if len(palette) < arguments.colors:
        print(
            f"{PROG}: note: {source} has only {n_before} distinct colours, "
            "so all of them are kept",
            file=stderr,
        )
    return (
        f"{source} -> {target}: {n_before:,} colours -> {len(palette)}, "
        f"PSNR {quality_db:.2f} dB, {input_bytes:,} -> "
        f"{output_bytes:,} bytes, {seconds:.2f} s"
    )


def check_output(source: Path, target: Path, force: bool) -> None:
    """Refuse, before any work, an output that can't or mustn't be written."""
    if target.suffix.lower() != ".png":
        raise UsageError(f"the output must be a .png file, not {target}")
    if target.is_dir():
        raise UsageError(f"the output {target} is a folder")
    if not target.parent.is_dir():
        raise UsageError(f"no such folder: {target.parent}")
    same = target.exists() and source.exists() and source.samefile(target)
    if same and not force:
        raise UsageError(
            f"the output {target} is the input: add --force to replace it"
        )


def load(path: Path) -> np.ndarray:
    """``read_image``, with each way of failing said in one line."""
    try:
        return read_image(path)
    except (Image.DecompressionBombWarning, Image.DecompressionBombError):
        raise UsageError(
            f"{path} has more than {Image.MAX_IMAGE_PIXELS:,} pixels: "
            "refused as a possible decompression bomb"
        ) from None
    except UnidentifiedImageError:
        raise UsageError(
            f"{path} is not an image file Pillow can read"
        ) from None
    except (OSError, SyntaxError, ValueError, EOFError) as error:
        raise UsageError(f"cannot read {path}: {reason(error)}") from None


def reason(error: Exception) -> str:
    """An exception as a short phrase, without the file name again."""
    if isinstance(error, OSError) and error.strerror:
        return error.strerror.lower()
    return str(error) or type(error).__name__


class Progress:
    """One status line on a terminal, rewritten in place; silent if None."""

    def __init__(self, stream: TextIO | None) -> None:
        self.stream = stream

    def _show(self, text: str) -> None:
        if self.stream is not None:
            self.stream.write(f"\r{PROG}: {text}\x1b[K")
            self.stream.flush()

    def assigning(self, fraction: float) -> None:
        self._show(f"assigning pixels to colours {fraction:4.0%}")

    def writing(self) -> None:
        self._show("writing the PNG file")

    def done(self) -> None:
        if self.stream is not None:
            self.stream.write("\r\x1b[K")  # clear the line
