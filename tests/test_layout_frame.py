"""Rules of the picture that hold for every kind, checked on the first shipped example of each, run unpainted in the
light theme (the harder one for bright highlight colours): no text within a few pixels of the frame's edge, and
every highlight (Indicate, Circumscribe, Flash) drawn in a colour that reads on the background.

The 2-D kinds of this helper also keep their last picture spread over the frame: no empty stretch of the frame
(below the title) larger than a fifth of it.

The runs are the shared light-theme runs of the examples (tests/helpers_themed_runs.py), which the light-theme
picture checks of tests/test_picture.py read too: each example runs once per test run."""

from __future__ import annotations

import numpy as np
import pytest

from tests.conftest import run_shared_folder
from tests.helpers_layout import PX_PER_UNIT_1080P
from tests.helpers_picture import MIN_CONTRAST, contrast, kind_names
from tests.helpers_themed_runs import SharedThemedRuns, ThemedEntry

pytestmark = pytest.mark.render  # runs every kind's scene (unpainted): minutes

EDGE_PX = 24  # at 1080p: no text closer than this to the frame's edge (about 11 px at 480p)
EMPTY_SHARE = 0.2  # the largest empty rectangle below the title, as a share of the frame
GRID = (96, 54)  # cells of the frame for the empty-rectangle search
TITLE_BAND = 1.0  # scene units at the top: the title's line
SPREAD_KINDS = ("fog", "tradeoffs", "features")


@pytest.fixture(scope="module")
def light(tmp_path_factory) -> SharedThemedRuns:
    """``light.entry(kind)``: the kind's example as it ran in the light theme (each lesson's examples run once)."""
    return SharedThemedRuns(run_shared_folder(tmp_path_factory, "themed"), "light")


@pytest.mark.parametrize("kind", kind_names())
def test_no_text_within_a_few_pixels_of_the_frame_edge(light, kind):
    run = light.entry(kind)
    half_w, half_h = run.frame
    close = {}
    for box in run.boxes:
        margin = min(half_w - box.right, box.left + half_w, half_h - box.top, box.bottom + half_h) * PX_PER_UNIT_1080P
        if margin < EDGE_PX:
            close[box.content[:40]] = min(close.get(box.content[:40], margin), margin)
    assert not close, {k: round(v, 1) for k, v in close.items()}


@pytest.mark.parametrize("kind", kind_names())
def test_every_highlight_on_text_reads_on_the_background(light, kind):
    run = light.entry(kind)
    background = run.background
    low = sorted({(name, text, colour, round(contrast(colour.upper(), background), 2)) for name, text, colour in run.highlights
                  if contrast(colour.upper(), background) < MIN_CONTRAST})
    assert not low, f"highlights below {MIN_CONTRAST}:1 on {background}: {low}"


def _largest_empty_rectangle(full: np.ndarray) -> int:
    """Cells of the largest all-False axis-aligned rectangle in ``full`` (rows x columns), by the histogram method."""
    heights, best = np.zeros(full.shape[1], dtype=int), 0
    for row in full:
        heights = np.where(row, 0, heights + 1)
        stack: list[int] = []
        for i, h in enumerate([*heights, 0]):
            while stack and heights[stack[-1]] >= h:
                top = heights[stack.pop()]
                width = i - (stack[-1] + 1 if stack else 0)
                best = max(best, int(top) * width)
            if i < len(heights):
                stack.append(i)
    return best


def test_the_empty_rectangle_search_finds_a_known_hole():
    grid = np.ones((6, 8), dtype=bool)
    grid[1:4, 2:7] = False  # a 3 x 5 hole
    grid[5, 0] = False
    assert _largest_empty_rectangle(grid) == 15


def _occupied(run: ThemedEntry) -> np.ndarray:
    """The GRID cells below the title band that some visible mobject of the run's last picture covers (rows x
    columns); backgrounds (larger than the frame) left out."""
    half_w, half_h = run.frame
    cols, rows = GRID
    full = np.zeros((rows, cols), dtype=bool)
    top = half_h - TITLE_BAND
    for box in run.end:
        if box.opacity < 0.05 or box.right - box.left > 2 * half_w or box.top - box.bottom > 2 * half_h:
            continue  # invisible, or a background
        c0 = int(np.floor((box.left + half_w) / (2 * half_w) * cols))
        c1 = int(np.ceil((box.right + half_w) / (2 * half_w) * cols))
        r0, r1 = int(np.floor((top - box.top) / (top + half_h) * rows)), int(np.ceil((top - box.bottom) / (top + half_h) * rows))
        full[max(r0, 0):max(r1, 0), max(c0, 0):max(c1, 0)] = True
    return full


@pytest.mark.parametrize("kind", SPREAD_KINDS)
def test_the_last_picture_leaves_no_large_empty_stretch(light, kind):
    run = light.entry(kind)
    full = _occupied(run)
    half_h = run.frame[1]
    share = _largest_empty_rectangle(full) / full.size * (half_h - TITLE_BAND + half_h) / (2 * half_h)
    assert share <= EMPTY_SHARE, f"{kind}: an empty stretch of {share:.0%} of the frame"
