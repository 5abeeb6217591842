"""Save a matplotlib figure twice: for the light and the dark colour scheme.

Both variants have a transparent background, but axes whose background the
lesson set on purpose keep it. The dark variant recolours the figure's
"chrome" (titles, axis labels, ticks, spines, legends) light grey so that it
reads on a dark page. Data artists (images, markers, annotations inside the
axes) keep their colours: they sit on their own backgrounds.
"""

from pathlib import Path

from matplotlib import rcParams
from matplotlib.colors import to_rgba
from matplotlib.figure import Figure
from PIL import Image

DPI = 200  # twice the nominal 100 dpi: sharp on high-density screens
DARK_FOREGROUND = "#d5d8e0"  # close to Material's slate text colour


def save_light_and_dark(
    fig: Figure, light: Path, dark: Path
) -> tuple[int, int]:
    """Write both variants as PNG; return their CSS (width, height) in px."""
    default = to_rgba(rcParams["axes.facecolor"])
    for ax in fig.axes:
        if to_rgba(ax.get_facecolor()) == default:
            ax.set_facecolor("none")
    fig.savefig(light, dpi=DPI, facecolor="none", bbox_inches="tight")
    _recolour_chrome(fig, DARK_FOREGROUND)
    fig.savefig(dark, dpi=DPI, facecolor="none", bbox_inches="tight")
    with Image.open(light) as image:
        width, height = image.size
    return round(width * 100 / DPI), round(height * 100 / DPI)


def _recolour_chrome(fig: Figure, colour: str) -> None:
    texts = list(fig.texts)
    if fig._suptitle is not None:
        texts.append(fig._suptitle)
    for ax in fig.axes:
        texts += [ax.title, ax._left_title, ax._right_title]
        texts += [ax.xaxis.label, ax.yaxis.label]
        texts += [ax.xaxis.get_offset_text(), ax.yaxis.get_offset_text()]
        texts += ax.get_xticklabels() + ax.get_yticklabels()
        ax.tick_params(which="both", colors=colour)
        for spine in ax.spines.values():
            spine.set_edgecolor(colour)
        legend = ax.get_legend()
        if legend is not None:
            texts += legend.get_texts()
            legend.get_frame().set_facecolor("none")
            legend.get_frame().set_edgecolor(colour)
    for text in texts:
        text.set_color(colour)
