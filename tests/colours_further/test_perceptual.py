"""Going further 3: each clustering wins on its own colour space's measure."""


def test_lab_clustering_is_closer_in_delta_e(lesson):
    assert lesson["lab_delta_e"] < lesson["rgb_delta_e"]
    assert lesson["lab_is_closer_to_the_eye"]
    assert 2 < lesson["lab_delta_e"] < 15


def test_rgb_clustering_has_the_higher_psnr(lesson):
    assert lesson["rgb_db"] > lesson["lab_db"]
    assert not lesson["lab_has_higher_psnr"]
    assert lesson["each_wins_on_its_own_measure"]


def test_both_use_16_colours(lesson):
    for image in (lesson["in_rgb"], lesson["in_lab"]):
        assert len({tuple(c) for c in image.reshape(-1, 3)}) <= 16


def test_conclusion_is_computed_in_just_noticeable_differences(lesson):
    jnd = lesson["JUST_NOTICEABLE"]
    assert jnd == 2.3
    assert lesson["rgb_jnds"] == lesson["rgb_delta_e"] / jnd
    assert lesson["lab_jnds"] == lesson["lab_delta_e"] / jnd
    assert lesson["both_visible"] == (
        min(lesson["rgb_jnds"], lesson["lab_jnds"]) > 1
    )
    assert 0 <= lesson["eye_gain_abs"] < 1
    assert lesson["detail_delta_e"] >= lesson["whole_delta_e"] > 0
