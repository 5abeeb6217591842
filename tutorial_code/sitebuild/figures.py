"""Save a matplotlib figure for the light and the dark scheme, and a notebook.

Both site variants have a transparent background, but axes whose background
the lesson set on purpose keep it. The dark variant recolours the figure's
"chrome" (titles, axis labels, ticks, spines, legends) light grey so that it
reads on a dark page. Data artists (images, markers, texts placed in the
axes) keep their colours: they sit on their own backgrounds.

The figure is laid out once and drawn once per scheme. Site figures are
WebP, which keeps transparency: lossless for plots; a figure that shows an
image is stored lossy when that is under half the size (a photograph). The
notebook variant is the light one on white at Jupyter's 100 dpi.
"""

import io
from pathlib import Path

from matplotlib import rcParams
from matplotlib.colors import to_rgba
from matplotlib.figure import Figure
from matplotlib.text import Text
from PIL import Image

DPI = 200  # twice the nominal 100 dpi: sharp on high-density screens
NOTEBOOK_DPI = 100
DARK_FOREGROUND = "#d5d8e0"  # close to Material's slate text colour
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

    Returns their file names, the CSS size in pixels, and the smallest font
    size in points (to check the figure is legible where it is shown).
    """
    _clear_default_backgrounds(fig)
    bbox = _tight_bbox(fig)
    light = _render(fig, bbox)
    font = min_font_size(fig)
    _recolour_chrome(fig, DARK_FOREGROUND)
    dark = _render(fig, bbox)
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
    }


def notebook_image(fig: Figure) -> tuple[str, bytes]:
    """The notebook variant of ``fig`` alone: its suffix (".png" or ".jpg")
    and bytes, as ``save_light_and_dark`` writes it."""
    _clear_default_backgrounds(fig)
    return _notebook_image(_render(fig, _tight_bbox(fig)))


def min_font_size(fig: Figure) -> float | None:
    """The smallest size, in points, of any visible text in the figure."""
    hidden = set()  # the axis texts of axes drawn without axes
    for ax in fig.axes:
        if not ax.axison or not ax.get_visible():
            for axis in (ax.xaxis, ax.yaxis):
                texts = [axis.label, axis.get_offset_text()]
                texts += axis.get_ticklabels(which="both")
                hidden.update(id(text) for text in texts)
    sizes = [
        text.get_fontsize()
        for text in fig.findobj(Text)
        if text.get_visible()
        and text.get_text().strip()
        and id(text) not in hidden
    ]
    return min(sizes) if sizes else None


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
    """The figure as Jupyter shows one: on white, at 100 dpi.

    JPEG where that is under half the PNG (a photograph), else PNG.
    """
    white = Image.new("RGBA", light.size, "white")
    opaque = Image.alpha_composite(white, light).convert("RGB")
    scale = NOTEBOOK_DPI / DPI
    size = (round(light.width * scale), round(light.height * scale))
    small = opaque.resize(size, Image.Resampling.LANCZOS)
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
