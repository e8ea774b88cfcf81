"""A perceptually uniform colour ramp, made by interpolating in OKLab.

Lightness grows linearly from the first to the last colour, so equal steps of
loss look like equal steps of colour (the property viridis is known for),
without shipping a colour table.
"""

from __future__ import annotations

import numpy as np

# dark violet -> teal -> yellow, like viridis' end points
RAMP = ("#2A0B4A", "#1F7F86", "#F5E35B")


def _srgb_to_linear(c):
    return np.where(c <= 0.04045, c / 12.92, ((c + 0.055) / 1.055) ** 2.4)


def _linear_to_srgb(c):
    c = np.clip(c, 0, 1)
    return np.where(c <= 0.0031308, 12.92 * c, 1.055 * c ** (1 / 2.4) - 0.055)


_M1 = np.array([[0.4122214708, 0.5363325363, 0.0514459929],
                [0.2119034982, 0.6806995451, 0.1073969566],
                [0.0883024619, 0.2817188376, 0.6299787005]])
_M2 = np.array([[0.2104542553, 0.7936177850, -0.0040720468],
                [1.9779984951, -2.4285922050, 0.4505937099],
                [0.0259040371, 0.7827717662, -0.8086757660]])


def to_oklab(rgb: np.ndarray) -> np.ndarray:
    return np.cbrt(_srgb_to_linear(rgb) @ _M1.T) @ _M2.T


def from_oklab(lab: np.ndarray) -> np.ndarray:
    lms = (lab @ np.linalg.inv(_M2).T) ** 3
    return _linear_to_srgb(lms @ np.linalg.inv(_M1).T)


def _hex(c: str) -> np.ndarray:
    return np.array([int(c[i:i + 2], 16) / 255 for i in (1, 3, 5)])


def colormap(t: np.ndarray, ramp=RAMP) -> np.ndarray:
    """RGB uint8 for t in [0, 1] (any shape), piecewise-linear in OKLab through ``ramp``.

    The stops sit at positions proportional to their lightness, so lightness
    is exactly linear in t.
    """
    stops = to_oklab(np.array([_hex(c) for c in ramp]))
    light = stops[:, 0]
    positions = (light - light[0]) / (light[-1] - light[0])
    t = np.clip(np.nan_to_num(np.asarray(t, float), nan=1.0), 0, 1)
    lab = np.stack([np.interp(t, positions, stops[:, k]) for k in range(3)], axis=-1)
    return np.round(from_oklab(lab) * 255).astype(np.uint8)
