"""Rules of the picture that hold for every kind, checked on the first shipped example of each, run unpainted in the
light theme (the harder one for bright highlight colours): no text within a few pixels of the frame's edge, and
every highlight (Indicate, Circumscribe, Flash) drawn in a colour that reads on the background.

The 2-D kinds of this helper also keep their last picture spread over the frame: no empty stretch of the frame
(below the title) larger than a fifth of it."""

from __future__ import annotations

from unittest import mock

import numpy as np
import pytest

from tests.helpers_layout import PX_PER_UNIT_1080P, LayoutRecorder, run_scene
from tests.helpers_picture import kind_names, shipped_examples
from tests.test_picture import MIN_CONTRAST, _in_theme, contrast

pytestmark = pytest.mark.render  # runs every kind's scene (unpainted): minutes

EDGE_PX = 24  # at 1080p: no text closer than this to the frame's edge (about 11 px at 480p)
EMPTY_SHARE = 0.2  # the largest empty rectangle below the title, as a share of the frame
GRID = (96, 54)  # cells of the frame for the empty-rectangle search
TITLE_BAND = 1.0  # scene units at the top: the title's line
HIGHLIGHTS = ("Indicate", "Circumscribe", "Flash", "ShowPassingFlash", "Wiggle")
SPREAD_KINDS = ("fog", "tradeoffs", "features")


@pytest.fixture(scope="module")
def light_copies(tmp_path_factory):
    """{shipped scenario path: its copy in the light theme}."""
    from scenes.scenario.loader import load_scenario

    folder = tmp_path_factory.mktemp("light")
    paths = {path for found in shipped_examples().values() for path, _ in found}
    return {path: load_scenario(_in_theme(path, "light", folder)) for path in paths}


@pytest.fixture(scope="module")
def runs(light_copies):
    """{kind: (text boxes, highlight colours, background, the scene at its end)}, each kind run once."""
    import manim

    found, examples = {}, shipped_examples()

    def run(kind):
        if kind not in found:
            path, index = examples[kind][0]
            sc = light_copies[path]
            colours = []
            patches = []
            for name in HIGHLIGHTS:
                animation = getattr(manim, name)
                original = animation.__init__

                def init(self, mobject, *args, _original=original, _name=name, **kwargs):
                    _original(self, mobject, *args, **kwargs)
                    texts = [m for m in mobject.get_family() if isinstance(m, (manim.Text, manim.MathTex))]
                    colour = kwargs.get("color", manim.YELLOW)
                    if texts:
                        colours.append((_name, getattr(texts[0], "text", "formula")[:30], manim.ManimColor(colour).to_hex()))
                patches.append(mock.patch.object(animation, "__init__", init))
            for p in patches:
                p.start()
            try:
                with LayoutRecorder() as recorder:
                    scene = run_scene(sc, index)
            finally:
                for p in reversed(patches):
                    p.stop()
            found[kind] = (recorder, colours, sc.theme().background, scene)
        return found[kind]

    return run


@pytest.mark.parametrize("kind", kind_names())
def test_no_text_within_a_few_pixels_of_the_frame_edge(runs, kind):
    recorder = runs(kind)[0]
    half_w, half_h = recorder.frame
    close = {}
    for box in recorder.boxes:
        margin = min(half_w - box.right, box.left + half_w, half_h - box.top, box.bottom + half_h) * PX_PER_UNIT_1080P
        if margin < EDGE_PX:
            close[box.content[:40]] = min(close.get(box.content[:40], margin), margin)
    assert not close, {k: round(v, 1) for k, v in close.items()}


@pytest.mark.parametrize("kind", kind_names())
def test_every_highlight_on_text_reads_on_the_background(runs, kind):
    _, colours, background, _ = runs(kind)
    low = sorted({(name, text, colour, round(contrast(colour.upper(), background), 2)) for name, text, colour in colours
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


@pytest.mark.parametrize("kind", SPREAD_KINDS)
def test_the_last_picture_leaves_no_large_empty_stretch(runs, kind):
    from manim import VMobject

    recorder, _, _, scene = runs(kind)
    half_w, half_h = recorder.frame
    cols, rows = GRID
    full = np.zeros((rows, cols), dtype=bool)
    top = half_h - TITLE_BAND
    for mob in (m for top_mob in scene.mobjects for m in top_mob.get_family() if len(m.points)):
        opacity = max(mob.get_fill_opacity(), mob.get_stroke_opacity()) if isinstance(mob, VMobject) else 1.0
        if opacity < 0.05 or mob.width > 2 * half_w or mob.height > 2 * half_h:
            continue  # invisible, or a background
        (left, bottom, _), (right, up, _) = mob.get_corner([-1, -1, 0]), mob.get_corner([1, 1, 0])
        c0, c1 = int(np.floor((left + half_w) / (2 * half_w) * cols)), int(np.ceil((right + half_w) / (2 * half_w) * cols))
        r0, r1 = int(np.floor((top - up) / (top + half_h) * rows)), int(np.ceil((top - bottom) / (top + half_h) * rows))
        full[max(r0, 0):max(r1, 0), max(c0, 0):max(c1, 0)] = True
    share = _largest_empty_rectangle(full) / full.size * (top + half_h) / (2 * half_h)
    assert share <= EMPTY_SHARE, f"{kind}: an empty stretch of {share:.0%} of the frame"
