"""Glyphs parsed once are loaded by later processes (scenes.pipeline.parsed_svg_cache): the same points, colours,
groups and pixels as manim's own parse, a changed SVG parsed again, and a foreign or damaged cache file never run
and never trusted."""

import hashlib
import json
import os
import pickle
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from tests.conftest import ROOT

# Builds a text (Chinese too) and a formula with parts in a fresh process (no parse of an earlier build in memory),
# counts svgelements parses and prints everything a picture is made of.
BUILD = r"""
import hashlib, json, sys
import numpy as np
import svgelements
from manim import Camera, VGroup, tempconfig
from scenes.pipeline import tex_cache
from scenes.kinds.style import label, math_tex

from manim import config
config.media_dir = sys.argv[2]  # the process's own text SVGs, drawn by Pango here
tex_cache.install()
for other in range(int(sys.argv[1])):  # texts drawn before: cairo numbers this process's surfaces on from them
    label(f"another text {other}")
parses = []
original = svgelements.SVG.parse
svgelements.SVG.parse = lambda *a, **k: (parses.append(1), original(*a, **k))[1]
text = label("A batch of 4 不是 all 8 samples: ∂L/∂w")
formula = math_tex(r"\frac{\partial L}{\partial w}", r"= \frac{2}{n}\sum_i (\hat y_i - y_i)\, x_i")

def digest(array):
    return hashlib.sha256(np.ascontiguousarray(array).tobytes()).hexdigest()[:16]

def described(mob):
    return [[type(m).__name__, digest(m.points), digest(m.fill_rgbas), digest(m.stroke_rgbas),
             float(m.stroke_width), len(m.submobjects)] for m in mob.get_family()]

with tempconfig({"pixel_width": 320, "pixel_height": 180, "frame_rate": 5}):
    camera = Camera()
    camera.capture_mobjects([VGroup(text, formula).arrange(direction=np.array([0.0, -1.0, 0.0]))])
    pixels = digest(camera.pixel_array)
groups = {name: len(group.submobjects) for mob in (text, formula) for name, group in mob.id_to_vgroup_dict.items()}
print(json.dumps({"parses": len(parses), "text": described(text), "formula": described(formula),
                  "groups": groups, "pixels": pixels}))
"""


def _build(cache: Path, texts_before: int = 0) -> dict:
    env = dict(os.environ, BATCHVIZ_TEX_DIR=str(cache), PYTHONPATH=str(ROOT))
    media = tempfile.mkdtemp(dir=cache.parent)
    out = subprocess.run([sys.executable, "-c", BUILD, str(texts_before), media], capture_output=True, text=True,
                         cwd=ROOT, env=env)
    assert out.returncode == 0, out.stderr[-2000:]
    return json.loads(out.stdout.strip().splitlines()[-1])


# each case paints a frame in fresh manim processes (seconds each): a rendering test, not one for the fast subset
pytestmark = pytest.mark.render


def _cache_files(cache: Path) -> list[Path]:
    return sorted((cache / "parsed").glob("*.pickle"))


@pytest.fixture(scope="module")
def parsed(tmp_path_factory):
    """A cache filled by one process that parsed every SVG (an empty cache), and what that process drew."""
    cache = tmp_path_factory.mktemp("parsed") / "cache"
    drawn = _build(cache)
    assert drawn["parses"] >= 2 and len(_cache_files(cache)) >= 2
    return cache, drawn


def _copy(cache: Path, tmp_path: Path) -> Path:
    return Path(shutil.copytree(cache, tmp_path / "cache"))


def test_a_later_process_loads_the_glyphs_manim_parsed_and_draws_the_same_pixels(parsed):
    cache, drawn = parsed
    loaded = _build(cache)
    assert loaded["parses"] == 0, "the second process parsed an SVG again"
    for what in ("text", "formula", "groups", "pixels"):
        assert loaded[what] == drawn[what], what
    assert len(drawn["groups"]) >= 3  # the formula's parts are still told apart (its two parts and the root)


def test_a_text_drawn_after_others_in_its_process_is_loaded_too(parsed, tmp_path):
    """Cairo numbers each process's surfaces: the same text drawn after three others has another surface id in its
    SVG. It is still the same glyphs, loaded, with its group named as in its own file."""
    reference = _build(tmp_path / "empty", texts_before=3)  # parsed by manim in that process state
    loaded = _build(_copy(parsed[0], tmp_path), texts_before=3)
    assert loaded["parses"] == 0  # (the three texts before are not counted)
    for what in ("text", "formula", "groups", "pixels"):
        assert loaded[what] == reference[what], what
    assert any(name.startswith("surface") and name != "surface1" for name in reference["groups"])


def test_a_damaged_or_foreign_cache_file_is_parsed_again_and_never_run(parsed, tmp_path):
    cache, reference = _copy(parsed[0], tmp_path), parsed[1]
    for letters in cache.glob("letters-*"):  # without the kept letters, a miss is parsed again (and counted)
        shutil.rmtree(letters)
    files = _cache_files(cache)
    marker = tmp_path / "ran"

    class Payload:  # what a foreign file could hold: a call of anything on load
        def __reduce__(self):
            return (os.system, (f"touch {marker}",))

    files[0].write_bytes(pickle.dumps(Payload()))
    files[1].write_bytes(files[1].read_bytes()[:100])  # cut short
    again = _build(cache)
    assert not marker.exists(), "loading the cache ran code from it"
    assert again["parses"] == 2  # the two bad files are misses, parsed again ...
    assert again["pixels"] == reference["pixels"]
    assert all(pickle.loads(f.read_bytes()) is not None for f in files[:2])  # ... and stored again whole


def test_an_svg_rewritten_under_the_same_name_is_parsed_again(tmp_path, monkeypatch):
    from manim import SVGMobject

    from scenes.pipeline import tex_cache

    monkeypatch.setenv("BATCHVIZ_TEX_DIR", str(tmp_path / "cache"))
    tex_cache.install()
    svg = tmp_path / "shape.svg"
    square = "<svg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 10 10'><path d='M0 0h{w}v4h-{w}z'/></svg>"
    svg.write_text(square.format(w=4), encoding="utf-8")
    first = SVGMobject(str(svg), use_svg_cache=False, should_center=False)
    svg.write_text(square.format(w=8), encoding="utf-8")
    second = SVGMobject(str(svg), use_svg_cache=False, should_center=False)
    assert second.width / second.height != first.width / first.height  # 8:4, not the cached 4:4
    assert len(_cache_files(tmp_path / "cache")) == 2
    names = {hashlib.sha256(f.read_bytes()).hexdigest() for f in _cache_files(tmp_path / "cache")}
    assert len(names) == 2
