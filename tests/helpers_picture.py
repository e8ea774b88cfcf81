"""What a scene shows, recorded while it renders: every visible text and formula with its colour and size.

Sizes are measured from the mobjects, not from pixels: a text's effective font size is the size it was made at
times how much it was scaled since (from the spread of its points, so a rotated axis name counts as it reads),
and turned into the pixel height of a capital letter (or digit) at 1080p by drawing a capital "H" at a known size
in the same font class (the frame is 8 scene units high: 1080 / 8 px per unit).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from unittest import mock

import numpy as np

PX_PER_UNIT_1080P = 1080 / 8
SCENARIOS = Path(__file__).resolve().parent.parent / "scenarios"


def kind_names() -> list[str]:
    """Every scene kind, as the pipeline finds them (scenes.kinds lists its packages; not hard-coded)."""
    from scenes.scenario.kind import kinds

    return sorted(kinds())


def shipped_examples() -> dict[str, list[tuple[Path, int]]]:
    """For each kind, the (scenario file, lesson index) of its entries in the shipped scenarios."""
    from scenes.scenario.loader import load_scenario

    found: dict[str, list[tuple[Path, int]]] = {}
    for path in sorted(SCENARIOS.glob("*.yaml")):
        sc = load_scenario(path)
        for i, entry in enumerate(sc.lesson):
            found.setdefault(entry.scene, []).append((path, i))
    return found


def _spread(mob) -> float:
    points = np.concatenate([m.points for m in mob.family_members_with_points()] or [np.zeros((1, 3))])
    return float(np.sqrt(((points - points.mean(axis=0)) ** 2).sum(axis=1).mean())) if len(points) > 1 else 0.0


@dataclass(frozen=True)
class Shown:
    """A text or formula as the scene showed it."""

    kind: str  # "text" or "tex"
    content: str
    color: str  # #RRGGBB of its first glyph
    part_colors: tuple[tuple[str, str], ...]  # (tex part, colour) for formulas
    cap_px: float  # height of a capital letter at its effective size, in pixels at 1080p


def cap_height_per_point(kind: str) -> float:
    """Pixels at 1080p of a capital H per point of font size, measured on a drawn H."""
    from scenes.kinds.style import label, math_tex

    probe = label("H", 48) if kind == "text" else math_tex("H", size=48)
    return probe.height * PX_PER_UNIT_1080P / 48


class ShownRecorder:
    """Patches manim while active: remembers each Text/MathTex's size at creation and, after every play and
    wait, records those in the scene that can be seen."""

    def __init__(self):
        self.shown: dict[tuple, Shown] = {}
        self.per_point = {"text": cap_height_per_point("text"), "tex": cap_height_per_point("tex")}

    def __enter__(self):
        import manim

        original_text, original_tex = manim.Text.__init__, manim.MathTex.__init__
        original_play, original_wait = manim.Scene.play, manim.Scene.wait
        recorder = self

        def text_init(mob, text, *args, **kwargs):
            original_text(mob, text, *args, **kwargs)
            mob._made_at = (kwargs.get("font_size", 48), _spread(mob))

        def tex_init(mob, *parts, **kwargs):
            original_tex(mob, *parts, **kwargs)
            mob._made_at = (kwargs.get("font_size", 48), _spread(mob))

        def play(scene, *args, **kwargs):
            result = original_play(scene, *args, **kwargs)
            recorder.collect(scene)
            return result

        def wait(scene, *args, **kwargs):
            result = original_wait(scene, *args, **kwargs)
            recorder.collect(scene)
            return result

        self._patches = [mock.patch.object(manim.Text, "__init__", text_init),
                         mock.patch.object(manim.MathTex, "__init__", tex_init),
                         mock.patch.object(manim.Scene, "play", play), mock.patch.object(manim.Scene, "wait", wait)]
        for p in self._patches:
            p.start()
        return self

    def __exit__(self, *exc):
        for p in reversed(self._patches):
            p.stop()

    def collect(self, scene) -> None:
        import manim

        for top in scene.mobjects:
            for mob in top.get_family():
                if not isinstance(mob, (manim.Text, manim.MathTex)) or not hasattr(mob, "_made_at"):
                    continue
                glyphs = mob.family_members_with_points()
                if not glyphs or max(g.get_fill_opacity() for g in glyphs) < 0.05:
                    continue  # empty or faded out
                size, spread = mob._made_at
                scale = _spread(mob) / spread if spread else 1.0
                kind = "text" if isinstance(mob, manim.Text) else "tex"
                content = mob.text if kind == "text" else " ".join(mob.tex_strings)
                parts = () if kind == "text" else tuple(
                    (part.get_tex_string(), part.family_members_with_points()[0].get_fill_color().to_hex().upper())
                    for part in mob.submobjects if hasattr(part, "get_tex_string") and part.family_members_with_points())
                color = glyphs[0].get_fill_color().to_hex().upper()
                shown = Shown(kind, content, color, parts, size * scale * self.per_point[kind])
                self.shown[(kind, content, color, round(shown.cap_px, 1))] = shown


def record_entry(scenario, index: int) -> list[Shown]:
    """Run lesson entry ``index`` as `batchviz script` does (every mobject made and animated, no frame painted:
    sizes and colours are read from the mobjects, not from pixels) and return what it showed."""
    from scenes.pipeline.script import entry_script

    with ShownRecorder() as recorder:
        entry_script(scenario, index)
    return list(recorder.shown.values())
