"""CIELAB: a colour space in which distances match perceived differences.

Shown on the page docs/colours_further/perceptual.md. The formulas are the
CIE's, for sRGB with the D65 white point (IEC 61966-2-1, CIE 15:2004).
"""

# --8<-- [start:lab]
import numpy as np

# A just noticeable difference: about 2.3 units of ΔE (CIE76), as measured
# by Mahy, Van Eycken and Oosterlinck, Color Res. Appl. 19(2), 1994.
JUST_NOTICEABLE = 2.3

# sRGB (linear) to CIE XYZ, and the D65 reference white.
RGB_TO_XYZ = np.array(
    [
        [0.4124564, 0.3575761, 0.1804375],
        [0.2126729, 0.7151522, 0.0721750],
        [0.0193339, 0.1191920, 0.9503041],
    ]
)
WHITE = RGB_TO_XYZ @ np.ones(3)
EPSILON, KAPPA = 216 / 24389, 24389 / 27


def rgb_to_lab(rgb: np.ndarray) -> np.ndarray:
    """sRGB colours (uint8, last axis R, G, B) to CIELAB (L*, a*, b*)."""
    srgb = np.asarray(rgb, dtype=np.float64) / 255
    linear = np.where(
        srgb <= 0.04045, srgb / 12.92, ((srgb + 0.055) / 1.055) ** 2.4
    )
    xyz = linear @ RGB_TO_XYZ.T / WHITE
    f = np.where(xyz > EPSILON, np.cbrt(xyz), (KAPPA * xyz + 16) / 116)
    return np.stack(
        [
            116 * f[..., 1] - 16,
            500 * (f[..., 0] - f[..., 1]),
            200 * (f[..., 1] - f[..., 2]),
        ],
        axis=-1,
    )


def lab_to_rgb(lab: np.ndarray) -> np.ndarray:
    """CIELAB back to sRGB, rounded to uint8 (out-of-gamut values clipped)."""
    lab = np.asarray(lab, dtype=np.float64)
    fy = (lab[..., 0] + 16) / 116
    f = np.stack([fy + lab[..., 1] / 500, fy, fy - lab[..., 2] / 200], axis=-1)
    xyz = np.where(f**3 > EPSILON, f**3, (116 * f - 16) / KAPPA) * WHITE
    linear = np.clip(xyz @ np.linalg.inv(RGB_TO_XYZ).T, 0, 1)
    srgb = np.where(
        linear <= 0.0031308,
        12.92 * linear,
        1.055 * linear ** (1 / 2.4) - 0.055,
    )
    return np.round(srgb * 255).astype(np.uint8)


def delta_e(rgb_a: np.ndarray, rgb_b: np.ndarray) -> np.ndarray:
    """CIE76 colour difference ΔE: the distance in CIELAB.

    A ΔE of about 2.3 is just noticeable (Mahy et al., 1994).
    """
    return np.linalg.norm(rgb_to_lab(rgb_a) - rgb_to_lab(rgb_b), axis=-1)


# --8<-- [end:lab]
