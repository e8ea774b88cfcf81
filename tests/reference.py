"""Independent float64 reference for linear/MSE gradient descent (numpy, no mathcore)."""

from __future__ import annotations

import numpy as np


def mse_step(w: float, b: float, x, y, lr: float):
    """(predictions, loss, dw, db, w_new, b_new) written from the textbook formulas."""
    x = np.asarray(x, dtype=float)
    y = np.asarray(y, dtype=float)
    pred = w * x + b
    loss = np.mean((pred - y) ** 2)
    dw = np.mean(2 * (pred - y) * x)
    db = np.mean(2 * (pred - y))
    return pred, loss, dw, db, w - lr * dw, b - lr * db


def mse_loss(w: float, b: float, x, y) -> float:
    x = np.asarray(x, dtype=float)
    y = np.asarray(y, dtype=float)
    return float(np.mean((w * x + b - y) ** 2))
