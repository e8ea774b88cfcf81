"""What a scene made and showed while it ran, recorded by patching manim: one recorder for render_tiny
(tests/conftest.py), the shared whole-lesson scripts (tests/helpers_script.py) and the picture checks
(tests/helpers_themed_runs.py).

``made()`` is every TeX string, plain text and text key the scene created since the last ``made()`` call; what a
render creates while it only lists its formulas (tex_cache.collect_documents, before the real run) is not counted.
With ``watch_screen=True`` it also looks at the scene after every animation and wait: ``screen`` lists the texts and
formulas newly visible, in order of appearance, as (scene's cue prefix, squeezed content), and ``take_shown()``
gives each visible text or formula with its colour and size (Shown)."""

from __future__ import annotations

import contextlib
import functools
import re
from dataclasses import dataclass
from unittest import mock

import manim
import numpy as np

from scenes.kinds.style import label, math_tex
from scenes.pipeline import tex_cache
from scenes.scenario.lesson import Lesson

PX_PER_UNIT_1080P = 1080 / 8  # the frame is 8 scene units high


@dataclass(frozen=True)
class Shown:
    """A text or formula as the scene showed it."""

    kind: str  # "text" or "tex"
    content: str
    color: str  # #RRGGBB of its first glyph
    part_colors: tuple[tuple[str, str], ...]  # (tex part, colour) for formulas
    cap_px: float  # height of a capital letter at its effective size, in pixels at 1080p


def spread(mob, members: list | None = None) -> float:
    """How far a mobject's points lie from their centre (root mean square): its scale, whatever its rotation
    (``members``: its family members with points, when already at hand)."""
    members = mob.family_members_with_points() if members is None else members
    points = np.concatenate([m.points for m in members] or [np.zeros((1, 3))])
    return float(np.sqrt(((points - points.mean(axis=0)) ** 2).sum(axis=1).mean())) if len(points) > 1 else 0.0


@functools.lru_cache(maxsize=4096)
def _hex(rgb: tuple[float, float, float]) -> str:
    return manim.ManimColor(np.array(rgb)).to_hex().upper()


def fill_hex(member) -> str:
    """#RRGGBB of a mobject's first fill colour, as ``get_fill_color().to_hex()`` gives it (each colour converted
    once: a recorder asks it of every visible glyph after every play)."""
    rgba = member.get_fill_rgbas()[0]
    return _hex(tuple(float(c) for c in rgba[:3])) if rgba.any() else member.get_fill_color().to_hex().upper()


def cap_height_per_point(kind: str) -> float:
    """Pixels at 1080p of a capital H per point of font size, measured on a drawn H."""
    probe = label("H", 48) if kind == "text" else math_tex("H", size=48)
    return probe.height * PX_PER_UNIT_1080P / 48


def squeeze(text: str) -> str:
    """Compared without spaces (manim's Text drops them) and in lower case."""
    return re.sub(r"\s+", "", text).lower()


def visible_texts(scene) -> list[tuple]:
    """Every Text and MathTex of the scene that can be seen now (not empty, not faded out), with its glyphs."""
    found = []
    for top in scene.mobjects:
        for mob in top.get_family():
            if isinstance(mob, (manim.Text, manim.MathTex)):
                glyphs = mob.family_members_with_points()
                if glyphs and max(g.get_fill_opacity() for g in glyphs) >= 0.05:
                    found.append((mob, glyphs))
    return found


def after_each_animation(look) -> list:
    """Patches of manim's Scene.play and Scene.wait (to start) that call ``look(scene)`` after each: what the screen
    shows once an animation is done."""
    play, wait = manim.Scene.play, manim.Scene.wait

    def watched_play(scene, *args, **kwargs):
        result = play(scene, *args, **kwargs)
        look(scene)
        return result

    def watched_wait(scene, *args, **kwargs):
        result = wait(scene, *args, **kwargs)
        look(scene)
        return result

    return [mock.patch.object(manim.Scene, "play", watched_play), mock.patch.object(manim.Scene, "wait", watched_wait)]


class SceneRecorder(contextlib.ExitStack):
    """While active (a context manager): records what scenes make and, with ``watch_screen``, show."""

    def __init__(self, watch_screen: bool = False):
        super().__init__()
        self.watch_screen = watch_screen
        self._tex: list[str] = []
        self._texts: list[str] = []
        self._keys: list[str] = []
        self._listing = False  # True while a render only lists its formulas: what it makes then is not drawn
        self.screen: list[tuple[str, str]] = []
        self._on_screen: set[tuple[str, str]] = set()
        self._shown: dict[tuple, Shown] = {}
        if watch_screen:
            tex_cache.install()  # the probe formula from the shared TeX cache, as the scenes' (not ./media/Tex)
        self._per_point = {"text": cap_height_per_point("text"), "tex": cap_height_per_point("tex")} \
            if watch_screen else {}

    def made(self) -> tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]:
        """(TeX strings, plain texts, text keys) made since the last call."""
        made = tuple(self._tex), tuple(self._texts), tuple(self._keys)
        self._tex, self._texts, self._keys = [], [], []
        return made

    def take_shown(self) -> list[Shown]:
        """Every text and formula seen since the last call, once per content, colour and size."""
        shown, self._shown = list(self._shown.values()), {}
        return shown

    def __enter__(self) -> SceneRecorder:
        super().__enter__()
        original_tex, original_text, original_lookup = manim.MathTex.__init__, manim.Text.__init__, Lesson.text
        original_collect = tex_cache.collect_documents
        recorder = self

        def recording_tex(mob, *parts, **kwargs):
            if not recorder._listing:
                recorder._tex.append(" ".join(parts))
            original_tex(mob, *parts, **kwargs)
            if recorder.watch_screen:
                mob._made_at = (kwargs.get("font_size", 48), spread(mob))

        def recording_text(mob, text, *args, **kwargs):
            if not recorder._listing:
                recorder._texts.append(text)
            original_text(mob, text, *args, **kwargs)
            if recorder.watch_screen:
                mob._made_at = (kwargs.get("font_size", 48), spread(mob))

        def recording_lookup(lesson, key, *args, **kwargs):
            if not recorder._listing:
                recorder._keys.append(key)
            return original_lookup(lesson, key, *args, **kwargs)

        def quiet_collect(run):
            recorder._listing = True
            try:
                return original_collect(run)
            finally:
                recorder._listing = False

        patches = [mock.patch.object(manim.MathTex, "__init__", recording_tex),
                   mock.patch.object(manim.Text, "__init__", recording_text),
                   mock.patch.object(Lesson, "text", recording_lookup),
                   mock.patch.object(tex_cache, "collect_documents", quiet_collect)]
        if self.watch_screen:
            patches += after_each_animation(recorder._look)
        for patch in patches:
            self.enter_context(patch)
        return self

    def _look(self, scene) -> None:
        if self._listing:
            return
        for mob, glyphs in visible_texts(scene):
            kind = "text" if isinstance(mob, manim.Text) else "tex"
            content = mob.text if kind == "text" else " ".join(mob.tex_strings)
            key = (getattr(scene, "cue_prefix", ""), squeeze(content))
            if key not in self._on_screen:
                self._on_screen.add(key)
                self.screen.append(key)
            if not hasattr(mob, "_made_at"):
                continue
            size, made_spread = mob._made_at
            scale = spread(mob, glyphs) / made_spread if made_spread else 1.0
            parts = () if kind == "text" else tuple(
                (part.tex_string, fill_hex(members[0])) for part in mob.submobjects
                if hasattr(part, "tex_string") and (members := part.family_members_with_points()))
            color = fill_hex(glyphs[0])
            shown = Shown(kind, content, color, parts, size * scale * self._per_point[kind])
            self._shown[(kind, content, color, round(shown.cap_px, 1))] = shown

