"""The picture a student reads: one colour per batch size everywhere, readable contrast, text large enough.

Colours are checked twice: from the themes (every colour meant for text or thin lines) and from what every kind
really shows when run (tests/helpers_record.py records each visible text with its colour and size; the shipped
lessons' shared dry runs already hold it for the dark theme, tests/helpers_script.py, and the shared themed runs
for the light one, tests/helpers_themed_runs.py).
Text size is the height of a capital letter or digit, in pixels of a 1080p frame, computed from the mobjects
(scene units x 1080 / 8), not from the tiny render's pixels.
"""

from __future__ import annotations

import re

import numpy as np
import pytest

from scenes.scenario.loader import load_scenario
from tests.conftest import run_shared_folder, small_scenario
from tests.helpers_picture import MIN_CONTRAST, SCENARIOS, contrast, in_theme, kind_names, linear_rgb, shipped_examples
from tests.helpers_themed_runs import SharedThemedRuns

MIN_CAP_PX = 24  # capital letters and digits at least this tall at 1080p
MIN_DELTA_E = 0.08  # OKLab distance: colours this far apart are told apart at a glance


# An independent reference: OKLab (Ottosson 2020); WCAG contrast is in tests/helpers_picture.py
def oklab(hex_color: str) -> np.ndarray:
    r, g, b = linear_rgb(hex_color)
    l_ = np.cbrt(0.4122214708 * r + 0.5363325363 * g + 0.0514459929 * b)
    m_ = np.cbrt(0.2119034982 * r + 0.6806995451 * g + 0.1073969566 * b)
    s_ = np.cbrt(0.0883024619 * r + 0.2817188376 * g + 0.6299787005 * b)
    return np.array([0.2104542553 * l_ + 0.7936177850 * m_ - 0.0040720468 * s_,
                     1.9779984951 * l_ - 2.4285922050 * m_ + 0.4505937099 * s_,
                     0.0259040371 * l_ + 0.7827717662 * m_ - 0.8086757660 * s_])


def hue_degrees(hex_color: str) -> float:
    _, a, b = oklab(hex_color)
    return float(np.degrees(np.arctan2(b, a)) % 360)


def test_the_references_agree_with_published_values():
    assert contrast("#000000", "#FFFFFF") == pytest.approx(21.0)
    assert contrast("#767676", "#FFFFFF") == pytest.approx(4.54, abs=0.01)  # the classic lightest AA grey on white
    assert oklab("#FFFFFF") == pytest.approx([1.0, 0.0, 0.0], abs=1e-4)
    assert oklab("#FF0000") == pytest.approx([0.62796, 0.22486, 0.12585], abs=1e-4)  # Ottosson's sRGB red


@pytest.fixture(scope="module", params=["dark", "light"])
def theme(request):
    from scenes.scenario.theme import THEMES

    return THEMES[request.param]


def test_a_batch_size_has_one_colour_whatever_the_order_of_the_runs(tmp_path):

    def colours(runs: str):
        path = tmp_path / f"s{len(list(tmp_path.iterdir()))}.yaml"
        path.write_text(small_scenario("  - {scene: paths, runs: [a, b, c]}\n", runs=runs), encoding="utf-8")
        sc = load_scenario(path)
        return {name: sc.run_color(name) for name in "abc"}, sc

    first, sc = colours("{a: {batch_size: 1}, b: {batch_size: 2}, c: {batch_size: 4}}")
    turned, _ = colours("{c: {batch_size: 4}, b: {batch_size: 2}, a: {batch_size: 1}}")
    same_size, _ = colours("{a: {batch_size: 4}, b: {batch_size: 4, order: shuffled}, c: {batch_size: 1}}")
    assert first == turned
    assert len(set(first.values())) == 3
    assert same_size["a"] == same_size["b"] == first["c"] and same_size["c"] == first["a"]
    assert sc.batch_color(4) == first["c"]


def test_batch_size_colours_climb_a_doubling_ladder(theme):
    sizes = [1, 2, 4, 8, 16, 32]
    assert len({theme.batch_color(s) for s in sizes}) == len(sizes)
    assert theme.batch_color(3) in (theme.batch_color(2), theme.batch_color(4))  # between: the nearer on log2
    assert theme.batch_color(5) == theme.batch_color(4) and theme.batch_color(30) == theme.batch_color(32)


def test_a_batch_size_keeps_its_hue_in_both_themes():
    """Lighter on dark, darker on white (nothing reads at 4.5:1 on both), but the same hue: orange stays orange."""
    from scenes.scenario.theme import DARK, LIGHT

    for size in (1, 2, 4, 8, 16, 32):
        dark, light = hue_degrees(DARK.batch_color(size)), hue_degrees(LIGHT.batch_color(size))
        assert min(abs(dark - light), 360 - abs(dark - light)) < 12, (size, DARK.batch_color(size),
                                                                      LIGHT.batch_color(size))


def test_other_meanings_use_colours_no_batch_size_uses(theme):
    meanings = {"w": theme.w, "b": theme.b, "loss": theme.loss, "prediction": theme.prediction,
                "label": theme.label, **{f"group {k}": g for k, g in enumerate(theme.groups)}}
    for size, batch in zip((1, 2, 4, 8, 16, 32), theme.batch_sizes):
        for name, color in meanings.items():
            assert np.linalg.norm(oklab(color) - oklab(batch)) >= MIN_DELTA_E, (name, color, size, batch)
    for i, a in enumerate(theme.batch_sizes):
        for b in theme.batch_sizes[i + 1:]:
            assert np.linalg.norm(oklab(a) - oklab(b)) >= MIN_DELTA_E, (a, b)


def test_every_colour_for_text_and_thin_lines_reads_on_the_background(theme):
    roles = {"foreground": theme.foreground, "muted": theme.muted, "faint": theme.faint, "w": theme.w,
             "b": theme.b, "prediction": theme.prediction, "label": theme.label, "loss": theme.loss,
             **{f"batch size colour {k}": c for k, c in enumerate(theme.batch_sizes)},
             **{f"group {k}": c for k, c in enumerate(theme.groups)}}
    low = {name: round(contrast(color, theme.background), 2) for name, color in roles.items()
           if contrast(color, theme.background) < MIN_CONTRAST}
    assert not low, f"below {MIN_CONTRAST}:1 on {theme.background}: {low}"


# What every kind shows, run unpainted: the first shipped example of each kind, in both themes
@pytest.fixture(scope="module", params=["dark", "light"])
def shown(request, tmp_path_factory, shipped_scripts):
    """{kind: (scenario, [Shown, ...])} in one theme. An example already in that theme is read from its lesson's
    shared dry run (tests/helpers_script.py records what every entry showed); the others from the shared runs of
    the examples in that theme (tests/helpers_themed_runs.py, also read by tests/test_layout_frame.py)."""
    examples = shipped_examples()
    missing = [k for k in kind_names() if k not in examples]
    assert not missing, f"kinds without an example in scenarios/ (add one to check their picture): {missing}"
    folder = tmp_path_factory.mktemp(f"picture_{request.param}")
    themed = SharedThemedRuns(run_shared_folder(tmp_path_factory, "themed"), request.param)
    # the shipped lessons already in this theme: their shared dry runs, those no other worker is running first
    shipped_scripts.get_all([path for path in dict.fromkeys(examples[k][0][0] for k in kind_names())
                             if load_scenario(path).style.theme == request.param])
    loaded, result = {}, {}  # loaded: {path: (scenario in the theme, whether that is the shipped file itself)}
    for kind in kind_names():
        path, index = examples[kind][0]
        if path not in loaded:
            own = load_scenario(path)
            loaded[path] = (own, True) if own.style.theme == request.param \
                else (load_scenario(in_theme(path, request.param, folder)), False)
        sc, shipped = loaded[path]
        result[kind] = (sc, list(shipped_scripts.get(path).entries[index].shown if shipped else themed.entry(kind).shown))
    return request.param, result


BATCH_LABEL = re.compile(r"(?:[Bb]atch ?size ?[=:]? ?|\bB ?= ?)(\d+)(?![\d.])")


def _named_sizes(item) -> list[tuple[int, str]]:
    """(batch size, colour) for each place the item names one batch size as a label ("batch size = 4", B = 4)."""
    if item.kind == "text":
        # a label ("batch size = 4, shuffled", "Batch 1 (batch size = 4)"), not a sentence mentioning a size in passing
        found = list(BATCH_LABEL.finditer(item.content))
        label_like = len(found) == 1 and len(item.content) <= 40 and not re.search(r"[:：,，;；]",
                                                                                item.content[:found[0].start()])
        return [(int(found[0].group(1)), item.color)] if label_like else []
    parts = [(p.replace(" ", ""), c) for p, c in item.part_colors]
    return [(int(parts[i + 1][0]), color) for i, (p, color) in enumerate(parts[:-1])
            if p == "B=" and parts[i + 1][0].isdigit()]


def test_every_kind_names_a_batch_size_in_its_colour(shown):
    theme_name, per_kind = shown
    seen: dict[int, set] = {}
    for kind, (sc, items) in per_kind.items():
        for item in items:
            for size, color in _named_sizes(item):
                assert color == sc.batch_color(size).upper(), (theme_name, kind, item.content, color)
                seen.setdefault(size, set()).add(color)
    assert len(seen) >= 4, seen  # the walk did find batch-size labels in the lesson
    assert all(len(colors) == 1 for colors in seen.values()), seen


def test_every_text_shown_reads_on_the_background(shown):
    theme_name, per_kind = shown
    low = []
    for kind, (sc, items) in per_kind.items():
        background = sc.theme().background
        for item in items:
            for color in {item.color, *(c for _, c in item.part_colors)}:
                if contrast(color, background) < MIN_CONTRAST:
                    low.append((kind, item.content[:30], color, round(contrast(color, background), 2)))
    assert not low, f"{theme_name}: text below {MIN_CONTRAST}:1: {low}"


def test_no_text_is_smaller_than_24_px_at_1080p(shown):
    theme_name, per_kind = shown
    if theme_name != "dark":
        pytest.skip("sizes do not depend on the theme")
    small = sorted({(kind, item.content[:30], round(item.cap_px, 1)) for kind, (_, items) in per_kind.items()
                    for item in items if item.cap_px < MIN_CAP_PX - 0.05})
    assert not small, f"text under {MIN_CAP_PX} px at 1080p (capital height): {small}"


def _step_examples() -> list[tuple[str, int]]:
    return [(path.name, index) for path, index in shipped_examples().get("step", [])]


@pytest.mark.parametrize("name, index", _step_examples())
def test_every_shipped_step_scene_keeps_its_text_at_24_px(name, index, shipped_scripts):
    """The step scene on every shipped lesson (its equations, table and plot labels depend on the data and the
    digits): the value equations keep their typeset size after the column flies into them, the small plots keep
    their labels' size (narrower plots instead). Read from each lesson's shared dry run."""
    items = shipped_scripts.get(SCENARIOS / name).entries[index].shown
    small = sorted({(item.content[:40], round(item.cap_px, 1)) for item in items if item.cap_px < MIN_CAP_PX - 0.05})
    assert not small, f"{name}: text under {MIN_CAP_PX} px at 1080p (capital height): {small}"
