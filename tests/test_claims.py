"""The claims audit: its three verdicts, and the seed's claims judged against a numpy reference."""

from __future__ import annotations

import json
from decimal import Decimal
from fractions import Fraction

import numpy as np
import pytest

from mathcore import BatchSchedule, Dataset, Params, Problem, run_walkthrough
from mathcore.claims import ClaimSpec, audit, claim_precision, quantity_error
from scenes.scenario.lesson import lesson_of
from tests.conftest import ROOT, SCENARIOS
from tests.helpers_cli import batchviz_here
from tests.reference import mse_step

SEED_X = [1, 2, 3, 4, 5, 6, 7, 8]
SEED_Y = [0, 0, 0, 0, 0, 1, 1, 1]


def seed_walks():
    problem = Problem("linear", "mse", Dataset(tuple(map(Fraction, SEED_X)), tuple(map(Fraction, SEED_Y))),
                      Params(Fraction(1, 10), Fraction(1, 5)), Fraction(1, 10))
    return {"bs4": run_walkthrough(problem, BatchSchedule(4))}


def rounded(value: float, places: int) -> str:
    return str(Decimal(repr(float(value))).quantize(Decimal(1).scaleb(-places)))


def test_precision_is_read_as_written():
    assert claim_precision("1.40") == (Fraction(7, 5), 2)
    assert claim_precision("-22.12") == (Fraction(-2212, 100), 2)
    assert claim_precision("5") == (Fraction(5), 0)


def test_three_verdicts():
    # second batch of the seed, recomputed here with numpy
    w1, b1 = 0.1 - 0.1 * 2.5, 0.2 - 0.1 * 0.9
    pred, loss, dw, db, w2, b2 = mse_step(w1, b1, [5, 6, 7, 8], [0, 1, 1, 1], 0.1)
    terms = (pred - np.array([0, 1, 1, 1])) ** 2
    term_claims = [rounded(t, 2) for t in terms]  # each term rounded to 2 places: each holds
    stated_sum = sum(Decimal(t) for t in term_claims)  # the sum of the rounded terms
    assert abs(float(stated_sum) - terms.sum()) > 0.005  # ...which is off at 2 places
    claims = [ClaimSpec("bs4", 2, f"loss_term[{i + 1}]", t) for i, t in enumerate(term_claims)]
    claims += [
        ClaimSpec("bs4", 2, "loss_sum", str(stated_sum)),
        ClaimSpec("bs4", 2, "dw", rounded(dw, 2)),
        ClaimSpec("bs4", 2, "db", rounded(db + 1, 2)),  # an arithmetic slip
        ClaimSpec("bs4", 2, "b_after", rounded(b1 - 0.1 * (db + 1), 3)),  # follows from the slip
    ]
    verdicts = {r.quantity: r for r in audit(claims, seed_walks())}
    assert all(verdicts[f"loss_term[{i}]"].verdict == "holds" for i in range(1, 5))
    assert verdicts["loss_sum"].verdict == "rounding"
    assert verdicts["dw"].verdict == "holds"
    assert verdicts["db"].verdict == "wrong" and verdicts["db"].carried_from is None
    assert verdicts["b_after"].verdict == "wrong" and verdicts["b_after"].carried_from == "step 2 db"


def test_unknown_quantities_are_explained():
    assert quantity_error("loss") is None
    assert quantity_error("prediction[3]") is None
    assert "did you mean 'loss'" in quantity_error("los")
    assert "1-based" in quantity_error("prediction") or "position" in quantity_error("prediction")


def test_seed_claims_hold_exactly_when_numpy_agrees(seed):
    """Every seed claim on a quantity numpy recomputes holds iff numpy's value rounds to it."""
    x, y = np.array(SEED_X, float), np.array(SEED_Y, float)
    ref = {}
    w, b = 0.1, 0.2
    for step, idx in ((1, [0, 1, 2, 3]), (2, [4, 5, 6, 7])):
        pred, loss, dw, db, w2, b2 = mse_step(w, b, x[idx], y[idx], 0.1)
        ref[("bs4", step)] = {"loss": loss, "dw": dw, "db": db, "w_after": w2, "b_after": b2,
                              **{f"prediction[{i + 1}]": p for i, p in enumerate(pred)}}
        w, b = w2, b2
    xs, ys = np.tile(x, 4), np.tile(y, 4)
    pred, loss, dw, db, w2, b2 = mse_step(0.1, 0.2, xs, ys, 0.1)
    ref[("full32", 1)] = {"loss": loss, "dw": dw, "db": db, "w_after": w2, "b_after": b2,
                          **{f"prediction[{i + 1}]": p for i, p in enumerate(pred)}}
    checked = 0
    for result in lesson_of(seed).audit():
        value = ref.get((result.run, result.step), {}).get(result.quantity)
        if value is None:
            continue
        claimed, places = claim_precision(result.claimed)
        agrees = abs(value - float(claimed)) <= 0.5 * 10**-places + 1e-12
        assert (result.verdict == "holds") == agrees, result
        checked += 1
    assert checked >= 30


def run_cli(*args):
    return batchviz_here(*args, cwd=ROOT)


def test_check_exit_codes(tmp_path):
    seed = run_cli("check", str(SCENARIOS / "seed.yaml"))
    assert seed.returncode == 1, seed.stderr
    assert "sum_residual" in seed.stdout and "-6.46" in seed.stdout  # the seed's slip, with the exact value
    good = tmp_path / "good.yaml"
    text = (SCENARIOS / "seed.yaml").read_text(encoding="utf-8").split("claims:")[0]
    good.write_text(text + 'claims:\n  - {run: bs4, step: 1, quantity: loss, value: "0.215"}\n', encoding="utf-8")
    assert run_cli("check", str(good)).returncode == 0
    bad = tmp_path / "bad.yaml"
    bad.write_text(text.replace("learning_rate: 0.1", "learning_rate: -0.1"), encoding="utf-8")
    result = run_cli("check", str(bad))
    assert result.returncode == 2 and "learning_rate" in result.stderr and "Traceback" not in result.stderr


def test_explain_json_is_exact():
    result = run_cli("explain", str(SCENARIOS / "seed.yaml"), "--format", "json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["scenario"] == "seed"
    step = data["runs"]["full32"]["steps"][0]
    assert data["runs"]["full32"]["batch_size"] == 32 and len(step["batch"]) == 32
    _, loss, dw, db, w2, b2 = mse_step(0.1, 0.2, np.tile(SEED_X, 4), np.tile(SEED_Y, 4), 0.1)
    for key, value in (("loss", loss), ("dw", dw), ("db", db), ("w_after", w2), ("b_after", b2)):
        assert float(Fraction(step[key])) == pytest.approx(value, rel=1e-12)
    md = run_cli("explain", str(SCENARIOS / "seed.yaml"))
    assert md.returncode == 0 and "−6.46" in md.stdout and "1.65" in md.stdout  # a real minus sign


def test_two_claims_of_one_quantity_are_judged_each_by_its_own_value():
    # the first batch's loss by hand: (0.3² + 0.4² + 0.5² + 0.6²) / 4 = 0.86 / 4 = 0.215
    right, wrong = ClaimSpec("bs4", 1, "loss", "0.215"), ClaimSpec("bs4", 1, "loss", "0.3")
    for claims in ([right, wrong], [wrong, right]):
        verdicts = {c.value: r.verdict for c, r in zip(claims, audit(claims, seed_walks()))}
        assert verdicts == {"0.215": "holds", "0.3": "wrong"}


def test_distinct_sums_do_not_explain_a_batch_with_unequal_repeats():
    """With samples occurring unequally often, (1/B) x m x (distinct sum) is not the loss: no 'rounding' verdict
    may be reached through it."""
    problem = Problem("linear", "mse", Dataset(tuple(map(Fraction, SEED_X)), tuple(map(Fraction, SEED_Y))),
                      Params(Fraction(1, 10), Fraction(1, 5)), Fraction(1, 10))
    walk = run_walkthrough(problem, BatchSchedule(12, "shuffled", seed=0, repeat=2), steps=1)
    step = walk.step(1)
    assert step.common_multiplicity is None
    distinct = sum(step.loss_terms[p] for p in step.distinct_positions())
    # a source that divides the distinct sum by the number of distinct samples states this value:
    wrong_loss = distinct / len(step.distinct_positions())
    claims = [ClaimSpec("r", 1, "distinct_loss_sum", str(float(distinct))),
              ClaimSpec("r", 1, "loss", rounded(float(wrong_loss), 3))]
    results = audit(claims, {"r": walk})
    assert results[0].verdict == "holds" and results[1].verdict == "wrong"
