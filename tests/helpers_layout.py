"""Where a scene puts its text, recorded while it runs unpainted: each visible text's box on screen after every play
and wait, to check rules of layout (nothing at the frame's edge, no two texts on top of each other) from the
mobjects rather than from pixels.

Boxes are in scene units (the frame is 8 units high; 1080 / 8 px per unit at 1080p). In a 3D scene only the texts
fixed in the frame are recorded: the others are projected by the camera, and their box in scene units is not where
they appear.
"""

from __future__ import annotations

from dataclasses import dataclass
from unittest import mock

PX_PER_UNIT_1080P = 1080 / 8


@dataclass(frozen=True)
class Box:
    """A visible text as the scene showed it at one moment (``moment``: the index of the play or wait after which
    it was seen; texts seen at the same moment were on screen together)."""

    content: str
    moment: int
    left: float
    right: float
    bottom: float
    top: float

    def overlap(self, other: "Box") -> float:
        """Area (scene units²) that the two boxes share."""
        w = min(self.right, other.right) - max(self.left, other.left)
        h = min(self.top, other.top) - max(self.bottom, other.bottom)
        return w * h if w > 0 and h > 0 else 0.0

    @property
    def area(self) -> float:
        return (self.right - self.left) * (self.top - self.bottom)


def _visible(mob) -> bool:
    glyphs = mob.family_members_with_points()
    return bool(glyphs) and max(g.get_fill_opacity() for g in glyphs) >= 0.05


def _texts(scene):
    """The visible Text and MathTex in the scene whose box is where they are drawn."""
    import manim

    fixed = None
    if isinstance(scene, manim.ThreeDScene):  # only what is fixed in the frame (the rest is projected)
        fixed = {id(m) for top in scene.camera.fixed_in_frame_mobjects for m in top.get_family()}
    seen = set()
    for top in scene.mobjects:
        for mob in top.get_family():
            if id(mob) in seen or not isinstance(mob, (manim.Text, manim.MathTex)):
                continue
            seen.add(id(mob))
            if (fixed is None or id(mob) in fixed) and _visible(mob):
                yield mob


class LayoutRecorder:
    """Patches manim's Scene.play and Scene.wait while active: after each, the box of every visible text."""

    def __init__(self):
        self.boxes: list[Box] = []
        self.frame = (0.0, 0.0)  # half width, half height of the frame in scene units
        self.moment = 0

    def __enter__(self):
        from tests.helpers_record import after_each_animation  # imports manim: only when a scene is recorded

        self._patches = after_each_animation(self.collect)
        for p in self._patches:
            p.start()
        return self

    def __exit__(self, *exc):
        for p in reversed(self._patches):
            p.stop()

    def collect(self, scene) -> None:
        from manim import config

        from tests.helpers_boxes import box  # imports manim, as this method's caller already did

        self.frame = (config.frame_width / 2, config.frame_height / 2)
        self.moment += 1
        for mob in _texts(scene):
            left, bottom, right, top = box(mob)
            content = mob.text if hasattr(mob, "text") else " ".join(mob.tex_strings)
            self.boxes.append(Box(content, self.moment, left, right, bottom, top))


def record_layout(scenario, index: int) -> LayoutRecorder:
    """Run lesson entry ``index`` unpainted, as `batchviz script` does, recording where its texts were."""
    from scenes.pipeline.script import entry_script

    with LayoutRecorder() as recorder:
        entry_script(scenario, index)
    return recorder


def run_scene(scenario, index: int):
    """Run lesson entry ``index`` unpainted and return the scene object, as it was when the scene ended (for tests
    that read what a scene keeps in ``drawn``)."""
    from scenes.kinds.lesson_scene import LessonScene
    from scenes.pipeline.script import entry_script

    made = []
    original = LessonScene.tear_down

    def keeping(scene):
        made.append(scene)
        original(scene)

    with mock.patch.object(LessonScene, "tear_down", keeping):
        entry_script(scenario, index)
    return made[-1]
