"""The default seed lessons are a beginner cut: their narration and their screen never name the research-level
material (the Hessian bounds by name, curvature, critical batch size, noise scale, linear scaling); that material
lives in the advanced lessons, which still use every such term and define it before its first use (issue 28).

Both come from the lessons' dry runs (tests/helpers_script.py): every cue said and every text or formula shown."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from scenes.scenario.locale import locale_text
from scenes.scenario.terms import ON_SCREEN, TERMS, term_key
from tests.helpers_script import squeeze

pytestmark = pytest.mark.render  # dry-runs every scene of each shipped lesson

ROOT = Path(__file__).resolve().parent.parent
BEGINNER = ("seed.yaml", "seed_en.yaml")
ADVANCED = ("seed_advanced.yaml", "seed_advanced_en.yaml")
RESEARCH_TERMS = ("lambda_max", "batch_curvature", "critical_batch_size", "steps_curve", "noise_scale",
                  "linear_scaling")
# words a beginner has not met that no term lists: said or drawn, each is research-level too
RESEARCH_WORDS = ("hessian", "海森", "curvature", "曲率", "critical batch", "临界", "noise scale", "噪声尺度",
                  "linear scaling", "线性缩放", "b_simple", "b_noise", "λ_max", "h_s", "2/λ")


def research_forms() -> list[str]:
    """Every form, squeezed and in lower case, in which a research term is said or drawn."""
    forms = {squeeze(w) for w in RESEARCH_WORDS}
    for term in RESEARCH_TERMS:
        forms.update(squeeze(f) for language in ("en", "zh") for f in TERMS[term][language])
        forms.update(squeeze(f) for f in ON_SCREEN[term])
    return sorted(forms)


@pytest.fixture(scope="module")
def lesson(shipped_scripts):
    return lambda name: shipped_scripts.get(ROOT / "scenarios" / name)


@pytest.mark.parametrize("name", BEGINNER)
def test_the_beginner_lessons_never_say_a_research_term(name, lesson):
    forms = research_forms()
    for cue in lesson(name).texts:
        said = [f for f in forms if f in squeeze(cue)]
        assert not said, f"{name} says {said}: {cue}"


@pytest.mark.parametrize("name", BEGINNER)
def test_the_beginner_lessons_never_draw_a_research_term(name, lesson):
    forms = research_forms()
    for scene, text in lesson(name).shown:
        drawn = [f for f in forms if f in text]
        assert not drawn, f"{name}: {scene} draws {drawn}: {text[:80]}"


@pytest.mark.parametrize("name", ADVANCED)
def test_the_advanced_lessons_use_and_define_every_research_term(name, lesson):
    """The material moved, not vanished: each term is said, and its one-line definition is said no later."""
    script = lesson(name)
    text = re.sub(r"\s+", "", "".join(script.texts))
    for term in RESEARCH_TERMS:
        uses = [text.find(re.sub(r"\s+", "", u)) for u in TERMS[term][script.language]]
        uses = [k for k in uses if k >= 0]
        assert uses, f"{name} never says {term}"
        defined_at = text.find(re.sub(r"\s+", "", locale_text(script.language, term_key(term)))[:20])
        assert 0 <= defined_at <= min(uses), (name, term)
