"""The terms a lesson defines before it uses them: each has a one-line definition (locale key ``term_<name>``),
shown on screen and said at the start of the first scene that lists it under ``define``, and the forms in which
narration uses it, in each language, and the forms in which the screen draws it (what tests/test_lesson_cut.py looks
for: a term said or drawn before the scene that defines it fails)."""

from __future__ import annotations

# name -> the forms that count as a use, per language (a cue containing any of them uses the term)
TERMS: dict[str, dict[str, tuple[str, ...]]] = {
    "gradient": {"en": ("dL/dw", "∂L/∂w", "gradient"), "zh": ("dL/dw", "∂L/∂w", "梯度")},
    "epoch": {"en": ("epoch",), "zh": ("epoch",)},
    "lambda_max": {"en": ("λ_max",), "zh": ("λ_max",)},
    "batch_curvature": {"en": ("H_S", "worst batch"), "zh": ("H_S", "最难的 batch")},
    "noise_factor": {"en": ("(N−B)/(B(N−1))",), "zh": ("(N−B)/(B(N−1))",)},
    "critical_batch_size": {"en": ("critical batch size",), "zh": ("临界 batch size",)},
    "steps_curve": {"en": ("S_min", "B_noise"), "zh": ("S_min", "B_noise")},
    "noise_scale": {"en": ("B_simple",), "zh": ("B_simple",)},
    "linear_scaling": {"en": ("linear scaling", "η ∝ B"), "zh": ("线性缩放", "η ∝ B")},
}
TERM_NAMES = tuple(TERMS)

# name -> the forms that count as drawing the term, in a Text's text or a formula's TeX, compared with spaces removed
# and in lower case (manim drops the spaces of a Text); the same in both languages but for words
ON_SCREEN: dict[str, tuple[str, ...]] = {
    "gradient": (r"\partial l", "∂l", r"\nabla", "∇", "dl/dw"),
    "epoch": ("epoch",),
    "lambda_max": (r"\lambda_{\max}", "λ_max"),
    "batch_curvature": ("h_s", "h_{s}"),
    "noise_factor": (r"\frac{n-b}{b(n-1)}", "(n−b)/(b(n−1))"),
    "critical_batch_size": ("critical batch size", "临界 batch size"),
    "steps_curve": ("s_min", r"s_{\min}", "b_noise", r"b_{\text{noise}}"),
    "noise_scale": ("b_simple", r"b_{\text{simple}}"),
    "linear_scaling": ("linear scaling", "线性缩放", "η∝b", r"\eta \propto b"),
}


def term_key(name: str) -> str:
    """The locale key of a term's one-line definition."""
    return f"term_{name}"
