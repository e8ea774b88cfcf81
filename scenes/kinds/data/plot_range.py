"""The data plot's ranges: the samples, and the model at the start whenever it can stand beside them.

The data scene says "the dashed line is the model at the start": the line must be on the plot. The y range covers
the samples and the starting line over the samples' x range, unless the line lies so far from them that the samples
would crowd into a sliver (the y range would grow more than START_RANGE_GROWTH times); then the range is the
samples' own, and the narration says the line is off the plot (sub_data_intro_off_plot).
"""

from __future__ import annotations

from collections.abc import Sequence

from scenes.kinds.mobjects.param_plane import fitted_range

X_MARGIN, Y_MARGIN = 0.1, 0.35  # shares of the span left free beside the samples (the y one for the batches' lines)
START_RANGE_GROWTH = 3.0  # a y range three times the samples' own still shows them spread (a third of the height)

Range = tuple[float, float]


def clipped_line(w: float, b: float, x_range: Range, y_range: Range) -> tuple[tuple[float, float], ...] | None:
    """The part of y = w x + b inside the plot box, as two end points (None when it misses the box)."""
    (x0, x1), (y0, y1) = x_range, y_range
    points = []
    for x in (x0, x1):  # crossings of the left and right edges
        y = w * x + b
        if y0 <= y <= y1:
            points.append((x, y))
    if w != 0:
        for y in (y0, y1):  # crossings of the bottom and top edges
            x = (y - b) / w
            if x0 < x < x1:
                points.append((x, y))
    points = sorted(set(points))
    return (points[0], points[-1]) if len(points) >= 2 else None


def data_plot_ranges(xs: Sequence[float], ys: Sequence[float], w0: float, b0: float) -> tuple[Range, Range, bool]:
    """(x range, y range, whether the starting line y = w0 x + b0 is on the plot)."""
    x_range = fitted_range(xs, X_MARGIN)
    own = fitted_range(ys, Y_MARGIN)
    start_ys = [w0 * x + b0 for x in (min(xs), max(xs))]
    with_start = fitted_range([*ys, *start_ys], Y_MARGIN)
    y_range = with_start if with_start[1] - with_start[0] <= START_RANGE_GROWTH * (own[1] - own[0]) else own
    return x_range, y_range, clipped_line(w0, b0, x_range, y_range) is not None
