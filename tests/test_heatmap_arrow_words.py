"""The full-data arrow drawn on the loss heatmap is named by the colour it is drawn in, in either theme: the fog
and the paths scenes say "white arrow" only over a white arrow."""

from __future__ import annotations

from dataclasses import replace

import pytest

from tests.conftest import small_scenario

LESSON = "  - {scene: fog, batch_sizes: [1, 2]}\n  - {scene: paths, runs: [r], arrows: {run: r, steps: [1, 2]}}\n"


def _said(tmp_path, theme: str, language: str) -> dict[str, str]:
    """All the fog scene says and all the paths scene says in a small lesson (dry run; cues are subtitle pieces)."""
    from scenes.pipeline.script import lesson_script
    from scenes.scenario.loader import load_scenario

    path = tmp_path / f"{theme}_{language}.yaml"
    path.write_text(small_scenario(LESSON, style=f"{{theme: {theme}}}", language=language,
                                   title=f"{{{language}: \"Small\"}}"), encoding="utf-8")
    cues, scenes = lesson_script(load_scenario(path), language)
    return {name: " ".join(c.text for c in cues if c.scene == name) for name, _, _ in scenes}


def _is_white(color: str) -> bool:
    return all(int(color[i:i + 2], 16) > 0xC0 for i in (1, 3, 5))


@pytest.mark.render
@pytest.mark.parametrize("language, white, black", [("en", "white arrow", "black arrow"), ("zh", "白色箭头", "黑色箭头")])
def test_the_full_data_arrow_is_named_by_its_colour_in_both_themes(tmp_path, monkeypatch, language, white, black):
    from scenes.scenario import theme as themes

    for name in ("dark", "light"):
        assert _is_white(themes.THEMES[name].on_heatmap)  # drawn white on the heatmap in both themes
        for key, text in _said(tmp_path, name, language).items():
            assert text.count(white) >= (2 if key.endswith("fog") else 1) and black not in text, (name, key, text)
    # a theme that draws its heatmap markers black says so
    monkeypatch.setitem(themes.THEMES, "light", replace(themes.LIGHT, on_heatmap="#202020"))
    for key, text in _said(tmp_path, "light", language).items():
        assert text.count(black) >= (2 if key.endswith("fog") else 1) and white not in text, (key, text)
