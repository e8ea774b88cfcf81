"""A mobject's box as manim's ``get_corner`` gives it, from one array of its family's points.

manim's ``get_corner`` walks the family and builds a tuple of every anchor, one numpy row at a time, for each corner
asked: the recorders of a dry run (tests/helpers_layout.py, tests/helpers_themed_runs.py) asked it of every visible
text after every play and spent a fifth of the run there. The same points (a vector mobject's anchors, the first and
last point of each cubic curve; any other mobject's points) give the same minimum and maximum.
"""

from __future__ import annotations

import numpy as np
from manim import VMobject

NO_POINTS = (0.0, 0.0, 0.0, 0.0)  # manim's corners of a mobject without points: the origin


def box(mob) -> tuple[float, float, float, float]:
    """(left, bottom, right, top): ``mob.get_corner(DL)`` and ``mob.get_corner(UR)`` in x and y."""
    if isinstance(mob, VMobject):
        arrays = [_anchors(member) for member in mob.get_family()]
    else:
        arrays = [member.points for member in mob.get_family()]
    arrays = [a for a in arrays if len(a)]
    if not arrays:
        return NO_POINTS
    points = np.concatenate(arrays)
    low, high = points.min(axis=0), points.max(axis=0)
    return float(low[0]), float(low[1]), float(high[0]), float(high[1])


def _anchors(member) -> np.ndarray:
    points = member.points
    if len(points) == 1:
        return points
    step = member.n_points_per_cubic_curve
    return np.concatenate([points[::step], points[step - 1::step]])
