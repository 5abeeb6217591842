"""Save a matplotlib figure for the light and the dark scheme, and a notebook.

Each site variant is drawn on its scheme's page background, opaque: on the
page it looks transparent, and opened at full size (a click on the figure,
or "open image in new tab") it brings the page's background along, so that
the dark variant's light text stays readable in any browser's image viewer.
Axes whose background the lesson set on purpose keep it. The dark variant
recolours the figure's "chrome" (titles, axis labels, ticks, spines,
legends) light grey so that it reads on the dark background. Data artists
(images, markers, texts placed in the axes) keep their colours: they sit on
their own backgrounds.

The figure is laid out once and drawn once per scheme. Site figures are
WebP: lossless for plots; a figure that shows an image is stored lossy when
that is under half the size (a photograph). The notebook variant is the
light one at Jupyter's 100 dpi.
"""

import io
from collections.abc import Iterator
from pathlib import Path

import numpy as np
from matplotlib import rcParams
from matplotlib.artist import Artist
from matplotlib.axes import Axes
from matplotlib.axis import Axis
from matplotlib.collections import PathCollection
from matplotlib.colors import to_rgb, to_rgba
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.markers import MarkerStyle
from matplotlib.path import Path as Outline
from matplotlib.spines import Spine
from matplotlib.table import Cell
from matplotlib.text import Text
from matplotlib.textpath import TextPath
from PIL import Image

DPI = 200  # twice the nominal 100 dpi: sharp on high-density screens
NOTEBOOK_DPI = 100
DARK_FOREGROUND = "#d5d8e0"  # close to Material's slate text colour
# The pages' backgrounds: Material's default scheme, and its slate scheme,
# hsl(225deg 15% 14%) (a browser test checks that they match the pages).
LIGHT_BACKGROUND = "#ffffff"
DARK_BACKGROUND = "#1e2129"
PHOTO_QUALITY = 85  # lossy WebP quality
NOTEBOOK_JPEG_QUALITY = 88
# WebP's compression effort, made every build. Lossy: method 4 of 0-6
# (within 1 % of 6's size, several times faster). Lossless: method 1 with
# quality (its effort) 75 makes these figures' files no larger than the
# default (method 4, quality 80) in four fifths of the time (measured on
# the site's 68 lossless figures: 8.3 s instead of 10.3 s, 3.11 MB instead
# of 3.12 MB).
LOSSY_METHOD = 4
LOSSLESS_METHOD = 1
LOSSLESS_EFFORT = 75


def save_light_and_dark(fig: Figure, folder: Path, stem: str) -> dict:
    """Write ``<stem>-light.webp``, ``<stem>-dark.webp`` and the notebook's
    ``<stem>-notebook.png`` (or ``.jpg``) into ``folder``.

    Returns their file names, the CSS size in pixels, the smallest text
    size in points (to check the figure is legible where it is shown) and
    the contrast of the dark variant's ink with its background.
    """
    _clear_default_backgrounds(fig)
    bbox = _tight_bbox(fig)
    font = min_font_size(fig)
    light = _on(_render(fig, bbox), LIGHT_BACKGROUND)
    _recolour_chrome(fig, DARK_FOREGROUND)
    dark = _render(fig, bbox)
    ink = ink_contrast(dark, DARK_BACKGROUND)
    dark = _on(dark, DARK_BACKGROUND)
    light_webp, lossy = _smaller_webp(light, may_be_lossy=_shows_an_image(fig))
    (folder / f"{stem}-light.webp").write_bytes(light_webp)
    (folder / f"{stem}-dark.webp").write_bytes(_webp(dark, lossy))
    suffix, data = _notebook_image(light)
    notebook = f"{stem}-notebook{suffix}"
    (folder / notebook).write_bytes(data)
    return {
        "light": f"{stem}-light.webp",
        "dark": f"{stem}-dark.webp",
        "notebook": notebook,
        "width": round(light.width * 100 / DPI),
        "height": round(light.height * 100 / DPI),
        "min_font_pt": font,
        "dark_ink_contrast": ink,
    }


def notebook_image(fig: Figure) -> tuple[str, bytes]:
    """The notebook variant of ``fig`` alone: its suffix (".png" or ".jpg")
    and bytes, as ``save_light_and_dark`` writes it."""
    _clear_default_backgrounds(fig)
    light = _on(_render(fig, _tight_bbox(fig)), LIGHT_BACKGROUND)
    return _notebook_image(light)


def min_font_size(fig: Figure) -> float | None:
    """The smallest size, in points, of any text the figure shows.

    Every text counts: titles, labels, tick labels, legends, annotations,
    texts placed in the axes, table cells. So does text drawn as a marker
    (``marker="$3$"`` in ``plot`` or ``scatter``), at the font size whose
    digits are as tall as its glyphs: matplotlib scales such a marker so
    that its longer side is the marker size.
    """
    sizes = [
        artist.get_fontsize()
        for artist in _shown(fig)
        if isinstance(artist, Text) and artist.get_text().strip()
    ]
    digit_height = TextPath((0, 0), "$0$", size=1).get_extents().height
    sizes += [
        size * outline.get_extents().height / digit_height
        for outline, size in _text_markers(fig)
    ]
    return min(sizes, default=None)


def _shown(artist: Artist) -> Iterator[Artist]:
    """``artist`` and all it draws, but nothing hidden: no invisible
    artist, and no axis, tick or spine of axes drawn without axes."""
    if not artist.get_visible():
        return
    yield artist
    children = artist.get_children()
    if isinstance(artist, Axes) and not artist.axison:
        children = [c for c in children if not isinstance(c, Axis | Spine)]
    if isinstance(artist, Cell):  # a table cell draws its text itself
        children = [*children, artist.get_text()]
    for child in children:
        yield from _shown(child)


def _text_markers(fig: Figure) -> Iterator[tuple[Outline, float]]:
    """Each text drawn as a marker: its outline, scaled so that its longer
    side is 1, and its marker size in points.

    A ``plot`` line names its marker; a ``scatter`` keeps only the outline,
    which is taken for text when it is none of matplotlib's named markers.
    """
    named = [_unit_outline(MarkerStyle(m)) for m in MarkerStyle.markers]
    for artist in _shown(fig):
        if isinstance(artist, Line2D) and len(artist.get_xdata()):
            marker = artist.get_marker()
            if isinstance(marker, str) and _is_mathtext(marker):
                size = artist.get_markersize()
                yield _unit_outline(MarkerStyle(marker)), size
        elif isinstance(artist, PathCollection) and len(artist.get_sizes()):
            size = float(np.sqrt(np.min(artist.get_sizes())))  # s: points²
            for outline in artist.get_paths():
                if not any(_same(outline, other) for other in named):
                    yield outline, size


def _is_mathtext(marker: str) -> bool:
    return len(marker) > 2 and marker.startswith("$") and marker.endswith("$")


def _unit_outline(marker: MarkerStyle) -> Outline:
    return marker.get_path().transformed(marker.get_transform())


def _same(one: Outline, two: Outline) -> bool:
    return one.vertices.shape == two.vertices.shape and np.allclose(
        one.vertices, two.vertices
    )


def relative_luminance(rgb: np.ndarray) -> np.ndarray:
    """WCAG relative luminance of sRGB colours (last axis: R, G, B)."""
    c = np.asarray(rgb, dtype=float)[..., :3] / 255
    linear = np.where(c <= 0.04045, c / 12.92, ((c + 0.055) / 1.055) ** 2.4)
    return linear @ np.array([0.2126, 0.7152, 0.0722])


def contrast(colours: np.ndarray, background: np.ndarray) -> np.ndarray:
    """WCAG contrast ratio of each colour against the background."""
    one, two = relative_luminance(colours), relative_luminance(background)
    return (np.maximum(one, two) + 0.05) / (np.minimum(one, two) + 0.05)


def ink_contrast(image: Image.Image, background: str) -> float | None:
    """Median contrast with ``background`` of what a figure drawn on a
    transparent background draws straight on it.

    "Ink" is every opaque pixel next to a fully transparent one: the edges of
    text, ticks and lines, and the rims of opaque panels. None for an image
    with no transparency, or nothing drawn on it.
    """
    rgba = np.asarray(image.convert("RGBA"))
    clear = rgba[..., 3] == 0
    if not clear.any():
        return None
    near_clear = np.zeros_like(clear)
    near_clear[1:] |= clear[:-1]
    near_clear[:-1] |= clear[1:]
    near_clear[:, 1:] |= clear[:, :-1]
    near_clear[:, :-1] |= clear[:, 1:]
    ink = (rgba[..., 3] >= 128) & near_clear
    if not ink.any():
        return None
    page = np.array(to_rgb(background)) * 255
    return float(np.median(contrast(rgba[ink][:, :3], page)))


def _clear_default_backgrounds(fig: Figure) -> None:
    """Axes on the default background get none (the page's shows)."""
    default = to_rgba(rcParams["axes.facecolor"])
    for ax in fig.axes:
        if to_rgba(ax.get_facecolor()) == default:
            ax.set_facecolor("none")


def _tight_bbox(fig: Figure):
    """The figure's tight bounding box, padded as ``bbox_inches="tight"``.

    The layout is computed without drawing a single pixel.
    """
    fig.draw_without_rendering()
    return fig.get_tightbbox().padded(rcParams["savefig.pad_inches"])


def _render(fig: Figure, bbox) -> Image.Image:
    png = io.BytesIO()
    fig.savefig(
        png,
        format="png",
        dpi=DPI,
        facecolor="none",
        bbox_inches=bbox,
        pil_kwargs={"compress_level": 0},  # read back at once: be quick
    )
    with Image.open(png) as image:
        return image.convert("RGBA")


def _on(image: Image.Image, background: str) -> Image.Image:
    """The image on an opaque background."""
    behind = Image.new("RGBA", image.size, background)
    return Image.alpha_composite(behind, image).convert("RGB")


def _shows_an_image(fig: Figure) -> bool:
    return any(ax.get_images() for ax in fig.axes)


def _smaller_webp(
    image: Image.Image, may_be_lossy: bool
) -> tuple[bytes, bool]:
    """The image as lossless WebP, or as lossy WebP if ``may_be_lossy`` and
    that is under half the size; and whether it is lossy."""
    lossless = _webp(image, lossy=False)
    if may_be_lossy:
        lossy = _webp(image, lossy=True)
        if len(lossy) < len(lossless) / 2:
            return lossy, True
    return lossless, False


def _webp(image: Image.Image, lossy: bool) -> bytes:
    data = io.BytesIO()
    if lossy:
        image.save(
            data, format="WEBP", quality=PHOTO_QUALITY, method=LOSSY_METHOD
        )
    else:
        image.save(
            data,
            format="WEBP",
            lossless=True,
            quality=LOSSLESS_EFFORT,
            method=LOSSLESS_METHOD,
        )
    return data.getvalue()


def _notebook_image(light: Image.Image) -> tuple[str, bytes]:
    """The figure as Jupyter shows one: at 100 dpi.

    JPEG where that is under half the PNG (a photograph), else PNG.
    """
    scale = NOTEBOOK_DPI / DPI
    size = (round(light.width * scale), round(light.height * scale))
    small = light.resize(size, Image.Resampling.LANCZOS)
    png, jpeg = io.BytesIO(), io.BytesIO()
    small.save(png, format="PNG")
    small.save(jpeg, format="JPEG", quality=NOTEBOOK_JPEG_QUALITY)
    if jpeg.tell() < png.tell() / 2:
        return ".jpg", jpeg.getvalue()
    return ".png", png.getvalue()


def _recolour_chrome(fig: Figure, colour: str) -> None:
    """Recolour every text but those placed in the axes, spines and ticks."""
    placed = {id(text) for ax in fig.axes for text in ax.texts}
    for text in fig.findobj(Text):
        if id(text) not in placed:
            text.set_color(colour)
    for ax in fig.axes:
        ax.tick_params(which="both", colors=colour)
        for spine in ax.spines.values():
            spine.set_edgecolor(colour)
        legend = ax.get_legend()
        if legend is not None:
            legend.get_frame().set_facecolor("none")
            legend.get_frame().set_edgecolor(colour)
    for legend in fig.legends:
        legend.get_frame().set_facecolor("none")
        legend.get_frame().set_edgecolor(colour)
