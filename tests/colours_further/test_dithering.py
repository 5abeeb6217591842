"""Going further 4: dithering keeps the palette, lowers PSNR, grows files."""

import numpy as np


def test_both_versions_use_only_the_palette(lesson):
    palette = {tuple(colour) for colour in lesson["palette"]}
    for indexed in lesson["remapped"].values():
        used = np.asarray(indexed.convert("RGB")).reshape(-1, 3)
        assert {tuple(c) for c in np.unique(used, axis=0)} <= palette


def test_dithering_trades_psnr_and_size_for_smoothness(lesson):
    db, size = lesson["quality_db"], lesson["png_bytes"]
    assert db["FLOYDSTEINBERG"] < db["NONE"]
    assert size["FLOYDSTEINBERG"] > size["NONE"]
    assert lesson["dithering_lowers_psnr"]
    assert lesson["dithering_grows_file"]
