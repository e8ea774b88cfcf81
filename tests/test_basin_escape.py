"""The median escape time's interval, censored runs counted, against the test's own computations."""

import random
from fractions import Fraction
from itertools import product

from mathcore.basin_escape import escape_interval, order_statistic_ranks


def _coverage_by_enumeration(n, j, k):
    """P(t_(j) <= median < t_(k)) for continuous times: count the sign patterns (below/above the median)."""
    good = 0
    for signs in product((0, 1), repeat=n):
        below = sum(signs)  # times below the true median
        good += j <= below < k
    return Fraction(good, 2 ** n)


def test_ranks_are_the_narrowest_with_90_percent_coverage():
    for n in range(1, 15):
        ranks = order_statistic_ranks(n)
        symmetric = [(j, n + 1 - j) for j in range(1, n // 2 + 1)]
        ok = [(j, k) for j, k in symmetric if _coverage_by_enumeration(n, j, k) >= Fraction(9, 10)]
        if not ok:
            assert ranks is None, n
            continue
        j, k = max(ok)
        assert ranks[:2] == (j, k), n
        assert ranks[2] == _coverage_by_enumeration(n, j, k)


def test_coverage_of_a_simulated_median():
    # exponential escape times with median ln 2 / rate; censor at a horizon; the interval (never = infinity)
    # must cover the true median in at least ~90% of repeats
    rng = random.Random(3)
    rate, horizon, n, covered, repeats = 0.1, 12, 25, 0, 400
    true_median = 0.6931471805599453 / rate
    for _ in range(repeats):
        times = [rng.expovariate(rate) for _ in range(n)]
        left = [int(t) + 1 for t in times if t < horizon]  # the step it first left (ceil)
        iv = escape_interval(left, n - len(left))
        low_ok = iv.low is not None and iv.low - 1 <= true_median
        high_ok = iv.high is None or true_median <= iv.high
        covered += low_ok and high_ok
    assert covered / repeats >= 0.86


def test_censored_runs_sort_last_and_make_the_end_never():
    # 10 runs: 4 left at 3, 5, 7, 9; 6 never left. The median (ranks 5, 6) is among the never-left runs.
    iv = escape_interval([9, 3, 7, 5], 6)
    assert (iv.left, iv.never) == (4, 6)
    assert iv.median is None
    assert iv.high is None
    assert iv.low == 5  # sorted 3, 5, 7, 9: rank 2; n = 10 at 90%: ranks 2..9 (coverage 1 - 2*11/1024)
    # all left: the median is the plain median, the interval two measured times
    iv = escape_interval([10, 2, 8, 4, 6, 12, 14], 0)
    assert iv.median == 8.0 and (iv.low, iv.high) == (2, 14)  # n = 7: ranks 1..7 (coverage 1 - 2/128)


def test_too_few_runs_have_no_interval():
    assert escape_interval([1, 2, 3, 4], 0) is None


def test_the_median_is_said_to_the_precision_its_interval_supports():
    """The said median, against a median, an interval and a rounding all done here: numpy's median over the times
    with never-left runs as infinity, the ranks from the binomial tail summed in floats, and the unit as the
    largest power of ten not above half the interval's width (from a logarithm)."""
    import math

    import numpy as np

    rng = random.Random(11)
    for _ in range(200):
        n = rng.randint(10, 300)
        never = rng.randint(0, n // 3)
        left = [rng.randint(1, 400) for _ in range(n - never)]
        times = np.array(sorted(left) + [math.inf] * never)
        own_median = float(np.median(times))
        tail, j = 0.0, 0
        while 1 - 2 * (tail + math.comb(n, j) / 2 ** n) >= 0.9:
            tail += math.comb(n, j) / 2 ** n
            j += 1
        low, high = times[j - 1], times[n - j]
        iv = escape_interval(left, never)
        if not math.isfinite(own_median) or not math.isfinite(high):
            assert iv.said_median is None
            continue
        assert (iv.low, iv.high) == (low, high) and iv.median == own_median
        half = (high - low) / 2
        unit = 10 ** max(0, math.floor(math.log10(half))) if half >= 1 else 1
        assert iv.said_median == math.floor(own_median / unit + 0.5) * unit, (own_median, low, high)
    # the shipped lesson's case: a median of 139.5 between 109 and 177 is said 140
    assert escape_interval([109] * 10 + [139, 140] + [177] * 10, 0).said_median == 140
