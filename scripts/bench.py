"""Measure batchviz's speed goals in one run and write BENCHMARKS.md.

Targets are stated beside each figure as a ratio (measured / target): below 1 meets it.
"""

from __future__ import annotations

import argparse
import platform
import subprocess
import sys
import time
from fractions import Fraction
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def best_of(fn, repeat=5) -> float:
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return min(times)


def mathcore_rows() -> list[tuple[str, float, float]]:
    from mathcore import BatchSchedule, Dataset, Params, Problem, run_walkthrough
    from mathcore.surface import loss_surface
    from mathcore.trajectory import run_trajectory
    from scenes.scenario_loader import load_scenario

    rows = []
    code = "import time; t = time.perf_counter(); import mathcore, sys; " \
           "print(time.perf_counter() - t, 'manim' in sys.modules)"
    runs = [subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT).stdout.split()
            for _ in range(5)]
    assert all(r[1] == "False" for r in runs), "import mathcore imported manim"
    rows.append(("`import mathcore` (fresh process, without manim)", min(float(r[0]) for r in runs), 0.2))

    seed = load_scenario(ROOT / "scenarios" / "seed.yaml")
    problem = seed.problem()

    def seed_walkthrough():
        for name, run in seed.runs.items():
            run_walkthrough(problem, run.schedule(), epochs=run.epochs or 1, steps=run.steps)

    rows.append(("seed's exact walkthrough (all runs)", best_of(seed_walkthrough), 0.05))

    rng = np.random.default_rng(0)
    x6 = rng.uniform(0, 10, 10**6)
    y6 = (x6 > 5).astype(float)
    big = Problem("linear", "mse", Dataset((Fraction(0),), (Fraction(0),)), Params(Fraction(0), Fraction(0)),
                  Fraction(1, 1000))
    rows.append(("loss surface 512x512, N = 10^6", best_of(lambda: loss_surface(big, (-1, 1), (-1, 1), (512, 512),
                                                                              arrays=(x6, y6))), 0.1))
    x5, y5 = x6[:10**5], y6[:10**5]
    rows.append(("10 epochs, batch size 1, N = 10^5 (float path)",
                 best_of(lambda: run_trajectory(big, BatchSchedule(1, "shuffled", seed=1), epochs=10,
                                                arrays=(x5, y5)), repeat=3), 2.0))
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default=str(ROOT / "BENCHMARKS.md"))
    args = parser.parse_args()
    lines = ["# Benchmarks", "",
             f"Measured by `scripts/bench` in one run on {platform.node() or 'this machine'} "
             f"({platform.machine()}, {__import__('os').cpu_count()} cores, Python {platform.python_version()}). "
             "Ratio = measured / target; below 1 meets the target.", "",
             "## mathcore", "", "| what | seconds | target | ratio |", "| --- | --- | --- | --- |"]
    for name, seconds, target in mathcore_rows():
        lines.append(f"| {name} | {seconds:.4f} | {target} | {seconds / target:.2f} |")
        print(f"{name}: {seconds:.4f} s (target {target} s, ratio {seconds / target:.2f})")
    Path(args.out).write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
