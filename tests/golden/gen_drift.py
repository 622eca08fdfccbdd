"""Writes drift golden fixtures: raw samples plus scipy reference values.

Usage: gen_drift.py FIXTURES_DIR. Fixed seeds and repr floats make reruns
byte-identical. Every case is a baseline sample and a current sample; the
Go test builds the baseline and the window's summary from them through the
production path (BaselineBuilder, Summarizer) and compares.

- numeric: the two-sample KS statistic and p-value as scipy's
  ks_2samp(method="auto") computes them (exact up to 10,000 rows a side, as
  Evidently calls it), and Wasserstein-1 normed by max(std, 0.001) of the
  baseline, as Evidently's wasserstein stattest.
- categorical: Pearson's chi-square on the 2×K table (chi2_contingency,
  correction off), Jensen–Shannon distance in base e and base 2 and the
  total variation distance over the categories.
- scores: a model's scores squeezed into a range the baseline never had.
- same: pairs of samples of one distribution at several window sizes, with
  scipy's KS p-value, for the noise-floor checks.
"""

import json
import sys
from pathlib import Path

import numpy as np
from scipy.spatial.distance import jensenshannon
from scipy.stats import chi2, chi2_contingency, ks_2samp, kstwobign, wasserstein_distance


def floats(xs):
    return [float(x) for x in xs]


def numeric_case(name, base, cur):
    ks = ks_2samp(base, cur)
    return {
        "name": name,
        "baseline": floats(base),
        "current": floats(cur),
        "ks_statistic": float(ks.statistic),
        "ks_pvalue": float(ks.pvalue),
        "wasserstein_normed": float(wasserstein_distance(base, cur) / max(float(np.std(base)), 0.001)),
    }


def categorical_case(name, base, cur):
    categories = sorted(set(base) | set(cur))
    b = np.array([int(np.sum(base == c)) for c in categories])
    c = np.array([int(np.sum(cur == c)) for c in categories])
    stat, pvalue, _, _ = chi2_contingency(np.array([b, c]), correction=False)
    p, q = c / c.sum(), b / b.sum()
    return {
        "name": name,
        "baseline": [str(x) for x in base],
        "current": [str(x) for x in cur],
        "chi2_statistic": float(stat),
        "chi2_pvalue": float(pvalue),
        "js_distance": float(jensenshannon(p, q)),
        "js_distance_base2": float(jensenshannon(p, q, base=2)),
        "tvd": float(0.5 * np.abs(p - q).sum()),
    }


def numeric_cases(rng):
    n = rng.normal
    ones = lambda share, size: (rng.random(size) < share).astype(float)
    return [
        numeric_case("same", n(0, 1, 4000), n(0, 1, 4000)),
        numeric_case("shifted", n(0, 1, 4000), n(0.3, 1, 4000)),
        numeric_case("wider", n(5, 1, 3000), n(5, 1.6, 3000)),
        numeric_case("small", n(0, 1, 300), n(0.5, 1, 300)),
        numeric_case("unequal_sizes", n(0, 1, 800), n(0.15, 1, 2500)),
        numeric_case("constant_moves", np.full(300, 7.0), np.full(300, 8.0)),
        numeric_case("constant_zero_then_normal", np.zeros(3000), n(0, 1, 3000)),
        numeric_case("constant_stays", np.full(500, 3.5), np.full(400, 3.5)),
        numeric_case("two_valued_30_to_40pct", ones(0.3, 1000), ones(0.4, 1000)),
        numeric_case("three_valued", rng.choice([0.0, 1.0, 2.0], 900, p=[0.5, 0.3, 0.2]),
                     rng.choice([0.0, 1.0, 2.0], 700, p=[0.4, 0.3, 0.3])),
        numeric_case("integers_0_to_19", rng.integers(0, 20, 2000).astype(float), rng.integers(2, 22, 2000).astype(float)),
        numeric_case("zero_inflated", np.where(rng.random(3000) < 0.4, 0.0, rng.exponential(2, 3000)),
                     np.where(rng.random(3000) < 0.2, 0.0, rng.exponential(2, 3000))),
        numeric_case("offset_1e7", 1e7 + n(0, 1, 3000), 1e7 + n(0.3, 1, 3000)),
        numeric_case("tiny_40_rows", n(0, 1, 40), n(0.8, 1, 40)),
    ]


def categorical_cases(rng):
    levels = np.array(["a", "b", "c", "d"])
    many = np.array([f"v{i:03d}" for i in range(120)])
    weights = np.linspace(3, 1, 120)
    tail_moved = weights.copy()
    tail_moved[60:] = tail_moved[60:][::-1] * 1.5
    return [
        categorical_case("stable", rng.choice(levels, 3000, p=[0.4, 0.3, 0.2, 0.1]), rng.choice(levels, 3000, p=[0.4, 0.3, 0.2, 0.1])),
        categorical_case("moved", rng.choice(levels, 3000, p=[0.4, 0.3, 0.2, 0.1]), rng.choice(levels, 3000, p=[0.25] * 4)),
        categorical_case("unseen", rng.choice(levels[:3], 2000, p=[0.5, 0.5, 0.0]), rng.choice(levels[:3], 2000, p=[0.45, 0.45, 0.1])),
        categorical_case("binary", rng.choice(levels[:2], 800, p=[0.7, 0.3]), rng.choice(levels[:2], 600, p=[0.6, 0.4])),
        categorical_case("120_categories_same", rng.choice(many, 20000, p=weights / weights.sum()), rng.choice(many, 20000, p=weights / weights.sum())),
        categorical_case("120_categories_tail_moved", rng.choice(many, 20000, p=weights / weights.sum()), rng.choice(many, 20000, p=tail_moved / tail_moved.sum())),
    ]


def score_cases(rng):
    base, cur = rng.uniform(0, 0.002, 2000), rng.uniform(0.002, 0.008, 2000)
    return [{"name": "squeezed_scores_move_up", "baseline": floats(base), "current": floats(cur),
             "ks_statistic": float(ks_2samp(base, cur).statistic)}]


def same_cases(rng):
    out = []
    for size in (50, 200, 1000, 5000):
        for rep in range(3):
            base, cur = rng.normal(0, 1, size), rng.normal(0, 1, size)
            out.append({"name": f"normal_{size}_{rep}", "baseline": floats(base), "current": floats(cur),
                        "ks_pvalue": float(ks_2samp(base, cur).pvalue)})
    return out


def main(out_dir):
    rng = np.random.default_rng(20261125)
    cases = {
        "numeric": numeric_cases(rng),
        "categorical": categorical_cases(rng),
        "scores": score_cases(rng),
        "same": same_cases(rng),
        # Special functions behind the p-values.
        "kolmogorov_sf": [[z, float(kstwobign.sf(z))] for z in (0.3, 0.5, 0.8, 1.0, 1.36, 2.0, 3.0)],
        "chi2_sf": [[x, k, float(chi2.sf(x, k))] for x, k in ((0.5, 1), (3.84, 1), (7.0, 3), (20.0, 10), (100.0, 60), (2.0, 7))],
        # Exact two-sample KS p-values: [n1, n2, D, p] from ks_2samp(method="exact").
        "ks_exact": [exact_ks(n1, n2, d) for n1, n2, d in ((30, 30, 0.3), (40, 40, 0.125), (50, 70, 0.3), (200, 150, 0.15),
                                                          (1000, 1000, 0.05), (700, 1300, 0.06), (9, 12, 0.5))],
    }
    path = Path(out_dir) / "drift.json"
    path.write_text(json.dumps(cases, sort_keys=True, indent=None, separators=(",", ":")) + "\n")


def exact_ks(n1, n2, d):
    """[n1, n2, D, p]: two evenly spread samples, the first with about n1·d
    extra values below everything, and scipy's exact KS result on them."""
    k = int(round(d * n1))
    a = np.concatenate([np.arange(k) - 1e6, (np.arange(n1 - k) + 0.5) / (n1 - k)])
    b = (np.arange(n2) + 0.25) / n2
    r = ks_2samp(a, b, method="exact")
    return [n1, n2, float(r.statistic), float(r.pvalue)]


if __name__ == "__main__":
    main(sys.argv[1])
