"""A VMobject's bounding points (manim's ``VMobject.get_points_defining_boundary``) gathered as arrays, not row by row.

manim 0.22 lists every anchor of the family as a row (``get_anchors`` zips start and end anchors into a list), then
builds an array from the tuple of those rows: each ``get_center``, ``scale`` about the centre, ``next_to`` and
``arrange`` walked every point in Python, about 5% of a lesson's dry run. Here each member's start and end anchors
are interleaved by slicing and the members are joined by one ``np.concatenate``: the same points in the same order,
dtype and shape (a family with no points: manim's empty array of shape (0,)). A member whose class has anchors of
its own, or is not a VMobject, or whose points are not whole curves (manim raises there), is left to manim.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from manim.mobject.types.vectorized_mobject import VMobject

MANIMS_OWN = VMobject.get_points_defining_boundary  # kept for tests and for the cases left to manim
_MANIMS_ANCHORS = VMobject.get_anchors


def gather_boundaries_as_arrays() -> None:
    """From now on, every VMobject in this process gathers its bounding points as arrays (idempotent)."""
    VMobject.get_points_defining_boundary = _points_defining_boundary  # type: ignore[method-assign]


def _points_defining_boundary(self: VMobject) -> Any:
    parts = []
    for member in self.get_family():
        if getattr(type(member), "get_anchors", None) is not _MANIMS_ANCHORS:
            return MANIMS_OWN(self)
        points = member.points
        if points.shape[0] == 1:
            parts.append(points)
            continue
        per_curve = member.n_points_per_cubic_curve
        starts, ends = points[::per_curve], points[per_curve - 1::per_curve]
        if len(starts) != len(ends):
            return MANIMS_OWN(self)
        anchors = np.empty((2 * len(starts), *points.shape[1:]), dtype=points.dtype)
        anchors[0::2], anchors[1::2] = starts, ends
        parts.append(anchors)
    if not any(len(part) for part in parts):
        return np.array(())
    return np.concatenate(parts)
