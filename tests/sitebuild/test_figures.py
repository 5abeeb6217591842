"""Figures: opaque on their pages' backgrounds, and every text measured."""

import warnings

import matplotlib.pyplot as plt
import numpy as np
import pytest
from matplotlib.colors import to_rgb
from PIL import Image

from tutorial_code.sitebuild.figures import (
    DARK_BACKGROUND,
    LIGHT_BACKGROUND,
    min_font_size,
    save_light_and_dark,
)

LABELS = 11  # the size of every other text in the figures below


@pytest.fixture
def ax():
    fig, ax = plt.subplots()
    ax.set_title("title", fontsize=14)
    ax.tick_params(labelsize=LABELS)
    yield ax
    plt.close(fig)


def smallest(ax) -> float:
    ax.figure.draw_without_rendering()
    return min_font_size(ax.figure)


@pytest.mark.parametrize(
    "draw",
    [
        lambda ax: ax.plot([1], [1], marker="$3$", markersize=4),
        lambda ax: ax.scatter([1], [1], marker="$3$", s=4**2),
    ],
    ids=["plot", "scatter"],
)
def test_a_tiny_number_drawn_as_a_marker_is_reported_as_small(ax, draw):
    draw(ax)
    # A 4-point marker: its digit is 4 points tall, as a font's digits are
    # at about 5.3 points.
    assert smallest(ax) == pytest.approx(5.3, abs=0.1)


def test_a_wide_text_marker_counts_by_its_height(ax):
    # "10" is wider than tall: its width, not its height, is the 10-point
    # marker size (a lone "1" would count as a 13-point font).
    ax.plot([1], [1], marker="$10$", markersize=10)
    assert 8 < smallest(ax) < 10


def test_shapes_drawn_as_markers_are_no_text(ax):
    ax.plot([1], [1], marker="*", markersize=2)
    ax.scatter([1], [1], marker="o", s=1)
    assert smallest(ax) == LABELS


@pytest.mark.parametrize(
    "draw",
    [
        lambda ax: ax.legend(["a line"], fontsize=4),
        lambda ax: ax.legend(["a line"], title="title", title_fontsize=4),
        lambda ax: ax.annotate("3", (1, 1), fontsize=4),
        lambda ax: ax.text(1, 1, "3", fontsize=4),
        lambda ax: ax.table([["3"]]).set_fontsize(4),
    ],
    ids=["legend", "legend title", "annotation", "text", "table"],
)
def test_texts_anywhere_in_the_axes_count(ax, draw):
    ax.plot([1, 2])
    draw(ax)
    assert smallest(ax) == 4


def test_hidden_texts_do_not_count(ax):
    ax.text(1, 1, "3", fontsize=4, visible=False)
    hidden = ax.figure.add_subplot(2, 2, 4)
    hidden.set_axis_off()
    hidden.tick_params(labelsize=3)  # not drawn: the axes are off
    assert smallest(ax) == LABELS


def test_each_variant_brings_its_pages_background(ax, tmp_path):
    """Opened alone, outside its page, the dark variant still shows its
    light text on the dark page's background."""
    ax.plot([1, 3, 2])
    figure = save_light_and_dark(ax.figure, tmp_path, "plot")
    for scheme, background in (
        ("light", LIGHT_BACKGROUND),
        ("dark", DARK_BACKGROUND),
    ):
        with Image.open(tmp_path / figure[scheme]) as image:
            assert image.mode == "RGB"  # opaque
            corner = np.array(image.getpixel((0, 0)))
        assert np.abs(corner - np.array(to_rgb(background)) * 255).max() <= 1
    # Measured on the dark variant before it got its background: its text
    # and lines stand out from the dark page (WCAG's 3:1 for graphics).
    assert figure["dark_ink_contrast"] > 3


def test_a_figure_with_nothing_on_the_background_has_no_ink(ax, tmp_path):
    ax.set_title("")
    ax.set_axis_off()
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # a lesson's warning fails the build
        figure = save_light_and_dark(ax.figure, tmp_path, "empty")
    assert figure["dark_ink_contrast"] is None
