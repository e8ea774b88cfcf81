"""The TeX of each model's equations: linear + MSE, logistic + BCE and bump + MSE differ in form, not in layout."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Optional


@dataclass(frozen=True)
class EquationForms:
    model_parts: tuple[str, ...]  # \hat y = w x + b, split so w and b can be coloured
    w_index: int
    b_index: int
    loss_term_header: str  # the table column of per-sample losses
    loss_symbolic: str
    grad_factor: int  # 2 for MSE (d/dr r^2 = 2r), 1 for BCE (d/dz = sigma - y)
    dw_symbolic: str
    db_symbolic: str
    squares: bool  # substitute (residual)^2 terms, else the loss terms themselves
    w_substituted: str = r"\cdot x"  # what follows w's value when the start's numbers are substituted
    # the table columns of the gradient's bracketed terms (StepRecord.dw_brackets, db_brackets); None: dL/db sums
    # the residual column already shown
    dw_bracket_header: str = r"(\hat y - y)\,x"
    db_bracket_header: Optional[str] = None
    db_factor: Optional[int] = None  # the coefficient of dL/db when it differs from grad_factor
    db_times_w: bool = False  # dL/db's coefficient also carries w (the bump model: d/db of w e^{-(x-b)^2})


LINEAR_MSE = EquationForms(
    model_parts=(r"\hat y", "=", "w", "x", "+", "b"), w_index=2, b_index=5,
    loss_term_header=r"(\hat y - y)^2",
    loss_symbolic=r"\frac{1}{B}\sum_{i=1}^{B}(\hat y_i - y_i)^2",
    grad_factor=2,
    dw_symbolic=r"\frac{2}{B}\sum_{i=1}^{B}(\hat y_i - y_i)\,x_i",
    db_symbolic=r"\frac{2}{B}\sum_{i=1}^{B}(\hat y_i - y_i)",
    squares=True,
)

LOGISTIC_BCE = EquationForms(
    model_parts=(r"\hat y", "=", r"\sigma(", "w", "x", "+", "b", ")"), w_index=3, b_index=6,
    loss_term_header=r"\ell_i",
    loss_symbolic=r"-\frac{1}{B}\sum_{i=1}^{B}\big[y_i\log\hat y_i + (1-y_i)\log(1-\hat y_i)\big]",
    grad_factor=1,
    dw_symbolic=r"\frac{1}{B}\sum_{i=1}^{B}(\hat y_i - y_i)\,x_i",
    db_symbolic=r"\frac{1}{B}\sum_{i=1}^{B}(\hat y_i - y_i)",
    squares=False,
)


BUMP_MSE = EquationForms(
    model_parts=(r"\hat y", "=", "w", r"\,", r"e^{-(x -", "b", r")^2}"), w_index=2, b_index=5,
    loss_term_header=r"(\hat y - y)^2",
    loss_symbolic=r"\frac{1}{B}\sum_{i=1}^{B}(\hat y_i - y_i)^2",
    grad_factor=2,
    dw_symbolic=r"\frac{2}{B}\sum_{i=1}^{B}(\hat y_i - y_i)\,e^{-(x_i - b)^2}",
    db_symbolic=r"\frac{4w}{B}\sum_{i=1}^{B}(\hat y_i - y_i)(x_i - b)\,e^{-(x_i - b)^2}",
    squares=True,
    w_substituted=r"\cdot",
    dw_bracket_header=r"(\hat y - y)\,e^{-(x - b)^2}",
    db_bracket_header=r"(\hat y - y)(x - b)\,e^{-(x - b)^2}",
    db_factor=4,
    db_times_w=True,
)


def forms_for(model: str) -> EquationForms:
    return {"linear": LINEAR_MSE, "bump": BUMP_MSE}.get(model, LOGISTIC_BCE)
