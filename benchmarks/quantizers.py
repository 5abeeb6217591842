"""Our quantizer against its rivals on a 12-megapixel photo, 16 colours.

Each method is timed from decoded pixels (a uint8 array) to palette indices,
in a process of its own with a time cap, so that one that never finishes
(MiniBatchKMeans on all pixels) is reported as such; its peak memory is the
process's peak resident size during the runs minus its size before them
(the photo and the imports). faiss and libimagequant (``imagequant``) are
timed where installed: ``pip install -e ".[bench]"``. Our earlier method is
kept in ``benchmarks/previous_quantizer.py`` and measured alongside.

Ours runs compiled code (Numba): before it is timed, one call on a tiny
image loads that code, as an import would, and is timed on its own; so is
the first call in a fresh environment, which compiles it.
"""

import json
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from importlib.util import find_spec
from pathlib import Path

import numpy as np
from PIL import Image
from sklearn.cluster import KMeans, MiniBatchKMeans
from sklearn.datasets import load_sample_image

from benchmarks import previous_quantizer
from benchmarks.stats import Timings, markdown_table
from tutorial_code.quantize.measures import indexed_psnr
from tutorial_code.quantize.quantizer import quantize

N_COLOURS = 16
SIZE = (4240, 2829)  # china.jpg enlarged 6.6 times: 12.0 megapixels
SAMPLE_SIZE = 15_000  # pixels faiss trains on, as many as ours
REPEAT_BELOW_SECONDS = 10  # a slower method runs once

Quantizer = Callable[[np.ndarray], tuple[np.ndarray, np.ndarray]]


def photo() -> np.ndarray:
    """The same 12-megapixel photo every time: china.jpg, enlarged."""
    china = Image.fromarray(load_sample_image("china.jpg"))
    return np.asarray(china.resize(SIZE, Image.Resampling.LANCZOS))


def ours(image: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    return quantize(image, N_COLOURS)


def first_call_seconds() -> float:
    """Our first call in this process, on a tiny image: the compiled code
    loaded from Numba's cache, or compiled if the cache is empty."""
    tiny = photo()[:16, :16]
    start = time.perf_counter()
    ours(tiny)
    return time.perf_counter() - start


def previous(image: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    return previous_quantizer.quantize(image, N_COLOURS)


def _rounded(centres: np.ndarray) -> np.ndarray:
    return centres.round().clip(0, 255).astype(np.uint8)


def kmeans_all_pixels(image: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    pixels = image.reshape(-1, 3).astype(np.float32)
    model = KMeans(n_clusters=N_COLOURS, n_init=1, random_state=0)
    model.fit(pixels)
    return _rounded(model.cluster_centers_), model.labels_


def minibatch_all_pixels(image: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    pixels = image.reshape(-1, 3).astype(np.float32)
    model = MiniBatchKMeans(n_clusters=N_COLOURS, n_init=1, random_state=0)
    model.fit(pixels)
    return _rounded(model.cluster_centers_), model.labels_


def _pillow(method: Image.Quantize) -> Quantizer:
    def quantize_with_pillow(image: np.ndarray):
        indexed = Image.fromarray(image).quantize(
            N_COLOURS, method=method, dither=Image.Dither.NONE
        )
        palette = np.array(indexed.getpalette(), np.uint8).reshape(-1, 3)
        return palette, np.asarray(indexed)

    return quantize_with_pillow


def faiss_kmeans(image: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    import faiss

    pixels = image.reshape(-1, 3)
    rng = np.random.default_rng(0)
    chosen = rng.choice(len(pixels), SAMPLE_SIZE, replace=False)
    model = faiss.Kmeans(3, N_COLOURS, niter=20, seed=0)
    model.train(pixels[chosen].astype(np.float32))
    _, labels = model.index.search(pixels.astype(np.float32), 1)
    return _rounded(model.centroids), labels.ravel()


def libimagequant(image: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    import imagequant

    rgba = Image.fromarray(image).convert("RGBA")
    indexed = imagequant.quantize_pil_image(
        rgba, dithering_level=0.0, max_colors=N_COLOURS
    )
    palette = np.array(indexed.getpalette(), np.uint8).reshape(-1, 3)
    return palette, np.asarray(indexed)


# name: (function, the module it needs or None, what it does)
OURS = "ours"
METHODS: dict[str, tuple[Quantizer, str | None, str]] = {
    OURS: (
        ours,
        None,
        "`kmeans-quantize`: k-means on a sample of pixels, then each pixel"
        " given its exact nearest colour by compiled code",
    ),
    "ours, earlier": (
        previous,
        None,
        "the earlier version of `kmeans-quantize`: ten k-means runs on the"
        " sample, then `KMeans.predict` on every pixel",
    ),
    "KMeans": (
        kmeans_all_pixels,
        None,
        "scikit-learn's `KMeans` fitted on all the pixels, one start",
    ),
    "MiniBatchKMeans": (
        minibatch_all_pixels,
        None,
        "scikit-learn's `MiniBatchKMeans` fitted on all the pixels, one start",
    ),
    "Pillow median cut": (
        _pillow(Image.Quantize.MEDIANCUT),
        None,
        "`Image.quantize` with `method=MEDIANCUT`, no dithering",
    ),
    "Pillow fast octree": (
        _pillow(Image.Quantize.FASTOCTREE),
        None,
        "`Image.quantize` with `method=FASTOCTREE`, no dithering",
    ),
    "faiss": (
        faiss_kmeans,
        "faiss",
        f"`faiss.Kmeans` trained on {SAMPLE_SIZE:,} sampled pixels (as many"
        " as ours), then every pixel assigned",
    ),
    "libimagequant": (
        libimagequant,
        "imagequant",
        "the library behind pngquant, without dithering",
    ),
}


def _status_mb(field: str) -> float:
    """A memory figure of this process from /proc/self/status (Linux), MB."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(f"{field}:"):
            return int(line.split()[1]) / 1e3  # given in kB
    raise KeyError(field)


def _reset_peak_memory() -> None:
    """Start the peak resident size (VmHWM) afresh from the current size."""
    Path("/proc/self/clear_refs").write_text("5")


def measure(name: str, repeats: int) -> dict:
    """Time one method on the photo (in this process); its PSNR, memory."""
    function, _, _ = METHODS[name]
    image = photo()
    warm_up = first_call_seconds() if name == OURS else None
    _reset_peak_memory()
    before_mb = _status_mb("VmRSS")
    seconds: list[float] = []
    while len(seconds) < repeats:
        start = time.perf_counter()
        palette, indices = function(image)
        seconds.append(time.perf_counter() - start)
        if seconds[0] > REPEAT_BELOW_SECONDS:
            break
    peak_mb = _status_mb("VmHWM") - before_mb
    colours = len(np.unique(indices))
    psnr = indexed_psnr(image, palette, indices.reshape(image.shape[:2]))
    return {
        "seconds": seconds,
        "psnr": psnr,
        "colours": colours,
        "peak_mb": peak_mb,
        "warm_up_seconds": warm_up,
    }


def compile_seconds() -> float:
    """Our first call in a fresh process with an empty Numba cache."""
    with tempfile.TemporaryDirectory() as cache:
        done = subprocess.run(
            [sys.executable, "-m", "benchmarks.quantizers", "--first-call"],
            env={**os.environ, "NUMBA_CACHE_DIR": cache},
            capture_output=True,
            text=True,
            check=True,
        )
    return float(done.stdout)


def run_all(repeats: int, cap_seconds: float) -> str:
    """Every method in a process of its own; a Markdown table and notes."""
    print("  ours, compiled afresh ...", file=sys.stderr, flush=True)
    compiling = compile_seconds()
    results: dict[str, dict | str] = {}
    for name, (_, module, _) in METHODS.items():
        if module is not None and find_spec(module) is None:
            results[name] = f"not installed (`{module}`)"
            continue
        print(f"  {name} ...", file=sys.stderr, flush=True)
        command = [sys.executable, "-m", "benchmarks.quantizers"]
        try:
            done = subprocess.run(
                [*command, name, str(repeats)],
                capture_output=True,
                text=True,
                timeout=cap_seconds,
                check=True,
            )
        except subprocess.TimeoutExpired:
            results[name] = f"did not finish in {cap_seconds:.0f} s"
            continue
        results[name] = json.loads(done.stdout)
    return f"{table(results)}\n\n{notes(results[OURS], compiling)}"


def notes(mine: dict, compiling: float) -> str:
    """What each method is, and what our times leave out."""
    methods = "\n".join(
        f"- **{name}**: {description}."
        for name, (_, _, description) in METHODS.items()
    )
    return (
        f"{methods}\n\n"
        "Our quantizer runs code compiled by Numba. In its process, one "
        "call on a 16 x 16 image comes before the timed runs, as an import "
        "would, and is not counted in the peak memory: it loads the compiled "
        f"code from Numba's cache, {mine['warm_up_seconds']:.2f} s here. In a "
        "fresh environment (an empty cache), that first call compiles the "
        f"code instead: {compiling:.2f} s, once."
    )


def speed_compared(ours: float, theirs: float) -> str:
    """Our time against another method's, said from ours: "ours 12 times
    faster", "ours 1.5 times slower", or, within 10 %, "about as fast as
    ours"."""
    factor = theirs / ours
    word = "faster" if factor >= 1 else "slower"
    factor = max(factor, 1 / factor)
    if factor < 1.1:
        return "about as fast as ours"
    shown = f"{factor:.0f}" if factor >= 10 else f"{factor:.1f}"
    return f"ours {shown} times {word}"


def psnr_compared(ours: float, theirs: float) -> str:
    """Our PSNR against another method's, said from ours: "ours 0.11 dB
    higher" (closer to the photo), "ours 0.04 dB lower", or "the same"."""
    shown = f"{abs(ours - theirs):.2f}"
    if shown == "0.00":
        return "the same as ours"
    return f"ours {shown} dB {'higher' if ours > theirs else 'lower'}"


def time_cell(seconds: list[float]) -> str:
    """``min / median`` of several runs; a single run's time, said so."""
    timings = Timings(seconds)
    if len(seconds) > 1:
        return timings.cell()
    return f"{timings.cell().split(' / ')[1]} (one run)"


def table(results: dict[str, dict | str]) -> str:
    mine = results[OURS]
    assert isinstance(mine, dict), "our own quantizer must finish"
    my_time = Timings(mine["seconds"]).median
    rows = []
    for name, result in results.items():
        if isinstance(result, str):
            rows.append([f"**{name}**", result, "", "", "", ""])
            continue
        theirs = Timings(result["seconds"]).median
        psnr = result["psnr"]
        mine_row = name == OURS
        rows.append(
            [
                f"**{name}**",
                time_cell(result["seconds"]),
                "" if mine_row else speed_compared(my_time, theirs),
                f"{psnr:.2f}",
                "" if mine_row else psnr_compared(mine["psnr"], psnr),
                f"{result['peak_mb']:.0f}",
            ]
        )
    header = [
        "method",
        "time (s), min / median",
        "speed",
        "PSNR (dB)",
        "PSNR compared",
        "peak memory (MB)",
    ]
    return markdown_table(header, rows)


if __name__ == "__main__":
    if sys.argv[1:] == ["--first-call"]:
        print(first_call_seconds())
    else:
        name, repeats = sys.argv[1], int(sys.argv[2])
        print(json.dumps(measure(name, repeats)))
