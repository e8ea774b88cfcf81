"""A view of the (w, b) plane that holds a diverging path: distance from a centre on a logarithmic scale.

A point at distance r (in units of ``scale``) from the centre is drawn at distance log(1 + r) in the same
direction: near the centre the picture is almost the linear one, far away every tenfold step outwards adds about
the same length, so a run that grows a thousandfold before it diverges still stays in the frame, every step of it.
w and b share one scale, so the rings of equal distance are circles.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from typing import Sequence

import numpy as np
from numpy.typing import ArrayLike

MARGIN = 1.08  # air around the farthest point


@dataclass(frozen=True)
class RadialLogView:
    w0: float  # the centre (the optimum, or the start when there is none)
    b0: float
    scale: float  # the distance that is drawn at log(2): the linear view's half-size
    radius: float  # the largest drawn distance the view holds

    def to_plane(self, w: ArrayLike, b: ArrayLike) -> tuple[np.ndarray, np.ndarray]:
        """Drawn coordinates (u, v) of the points (w, b)."""
        dw = (np.asarray(w, float) - self.w0) / self.scale
        db = (np.asarray(b, float) - self.b0) / self.scale
        r = np.hypot(dw, db)
        with np.errstate(divide="ignore", invalid="ignore"):
            k = np.where(r > 0, np.log1p(r) / np.where(r > 0, r, 1.0), 1.0)
        return dw * k, db * k

    def from_plane(self, u: ArrayLike, v: ArrayLike) -> tuple[np.ndarray, np.ndarray]:
        """The (w, b) drawn at (u, v): the inverse of ``to_plane``."""
        u, v = np.asarray(u, float), np.asarray(v, float)
        rho = np.hypot(u, v)
        with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
            k = np.where(rho > 0, np.expm1(rho) / np.where(rho > 0, rho, 1.0), 1.0)
        return self.w0 + self.scale * u * k, self.b0 + self.scale * v * k

    def drawn_radius(self, distance: float) -> float:
        """Where a ring of the given (w, b) distance from the centre is drawn."""
        return float(np.log1p(distance / self.scale))

    def ring_distances(self) -> list[Fraction]:
        """Powers of ten between the scale and the farthest distance held: the rings worth drawing."""
        farthest = float(np.expm1(self.radius)) * self.scale
        first, last = int(np.ceil(np.log10(self.scale))), int(np.floor(np.log10(farthest)))
        return [Fraction(10) ** k for k in range(first, last + 1)]


def radial_log_view(centre: tuple[float, float], scale: float,
                    paths: Sequence[tuple[np.ndarray, np.ndarray]]) -> RadialLogView:
    """The view centred on ``centre`` that holds every finite point of ``paths`` (w, b arrays)."""
    probe = RadialLogView(float(centre[0]), float(centre[1]), float(scale), 1.0)
    farthest = np.log1p(1.0)  # at least the linear view's own size
    for w, b in paths:
        u, v = probe.to_plane(w, b)
        rho = np.hypot(u, v)
        rho = rho[np.isfinite(rho)]
        if len(rho):
            farthest = max(farthest, float(rho.max()))
    return RadialLogView(probe.w0, probe.b0, probe.scale, MARGIN * farthest)
