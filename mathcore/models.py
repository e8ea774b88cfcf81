"""Per-sample forward pass, loss term and gradient contribution of each model.

Linear + MSE stays in exact fractions. Logistic + BCE needs exp and log, so it
is computed in float64 (relative error about 1e-15, recorded as ``precision``).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from mathcore.problem import Number

FLOAT64_PRECISION = "float64 (relative error ~1e-15)"


@dataclass(frozen=True)
class SampleResult:
    """One sample's pass: prediction, residual (prediction - label), loss term, dL/dw and dL/db terms, and the terms
    a hand-written gradient sums in its brackets (grad_w = w_factor x w_bracket; grad_b = b_factor x b_bracket, times
    w when the model's b_times_w: see each model)."""

    prediction: Number
    residual: Number
    loss_term: Number
    grad_w: Number
    grad_b: Number
    w_bracket: Number
    b_bracket: Number


@dataclass(frozen=True)
class LinearMSE:
    """y_hat = w x + b, loss (y_hat - y)^2; exact."""

    name: str = "linear"
    loss: str = "mse"
    exact: bool = True
    precision: str = "exact"
    w_factor: int = 2  # dL/dw = (2/B) sum (y_hat - y) x
    b_factor: int = 2  # dL/db = (2/B) sum (y_hat - y)
    b_times_w: bool = False

    def sample(self, w: Number, b: Number, x: Number, y: Number) -> SampleResult:
        pred = w * x + b
        r = pred - y
        return SampleResult(pred, r, r * r, 2 * r * x, 2 * r, r * x, r)


def _softplus(z: float) -> float:
    """log(1 + e^z) without overflow."""
    return max(z, 0.0) + math.log1p(math.exp(-abs(z)))


def _sigmoid(z: float) -> float:
    if z >= 0:
        return 1.0 / (1.0 + math.exp(-z))
    e = math.exp(z)
    return e / (1.0 + e)


@dataclass(frozen=True)
class LogisticBCE:
    """y_hat = sigmoid(w x + b), binary cross-entropy; float64."""

    name: str = "logistic"
    loss: str = "bce"
    exact: bool = False
    precision: str = FLOAT64_PRECISION
    w_factor: int = 1  # dL/dw = (1/B) sum (y_hat - y) x
    b_factor: int = 1
    b_times_w: bool = False

    def sample(self, w: Number, b: Number, x: Number, y: Number) -> SampleResult:
        xf, yf = float(x), float(y)
        z = float(w) * xf + float(b)
        p = _sigmoid(z)
        r = p - yf
        # -[y log p + (1-y) log(1-p)] == softplus(z) - y z, stable for large |z|
        return SampleResult(p, r, _softplus(z) - yf * z, r * xf, r, r * xf, r)


@dataclass(frozen=True)
class BumpMSE:
    """y_hat = w exp(-(x - b)^2): one Gaussian bump of height w centred at b, squared error; float64.

    Non-convex in (w, b): each group of samples the bump can sit on is a minimum of its own, and its sharpness
    grows with the square of the height there (mathcore.bump, mathcore.minima). Used for sharp and flat minima.
    """

    name: str = "bump"
    loss: str = "mse"
    exact: bool = False
    precision: str = FLOAT64_PRECISION
    w_factor: int = 2  # dL/dw = (2/B) sum (y_hat - y) e^{-(x - b)^2}
    b_factor: int = 4  # dL/db = (4w/B) sum (y_hat - y)(x - b) e^{-(x - b)^2}
    b_times_w: bool = True

    def sample(self, w: Number, b: Number, x: Number, y: Number) -> SampleResult:
        wf, bf, xf, yf = float(w), float(b), float(x), float(y)
        e = math.exp(-(xf - bf) ** 2)
        r = wf * e - yf
        return SampleResult(wf * e, r, r * r, 2 * r * e, 4 * r * wf * (xf - bf) * e, r * e, r * (xf - bf) * e)


_MODELS: dict[tuple[str, str], LinearMSE | LogisticBCE | BumpMSE] = {("linear", "mse"): LinearMSE(), ("logistic", "bce"): LogisticBCE(), ("bump", "mse"): BumpMSE()}


def get_model(model: str, loss: str) -> LinearMSE | LogisticBCE | BumpMSE:
    """The model/loss pair, or ValueError naming the supported pairs."""
    try:
        return _MODELS[(model, loss)]
    except KeyError:
        pairs = ", ".join(f"{m}+{lo}" for m, lo in _MODELS)
        raise ValueError(f"unsupported model/loss {model}+{loss}; supported: {pairs}") from None
