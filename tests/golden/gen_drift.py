"""Writes drift golden fixtures: raw samples plus scipy reference values.

Usage: gen_drift.py FIXTURES_DIR. Fixed seeds and repr floats make reruns
byte-identical.
"""

import json
import sys
from pathlib import Path

import numpy as np
from scipy.spatial.distance import jensenshannon
from scipy.stats import chi2, chi2_contingency, ks_2samp, kstwobign, wasserstein_distance


def numeric_case(name, rng, base_loc, cur_loc, cur_scale, n):
    base = rng.normal(base_loc, 1.0, n)
    cur = rng.normal(cur_loc, cur_scale, n)
    ks = ks_2samp(base, cur, method="asymp")
    return {
        "name": name,
        "baseline": [float(x) for x in base],
        "current": [float(x) for x in cur],
        "ks_statistic": float(ks.statistic),
        "ks_pvalue": float(ks.pvalue),
        # Normed by the baseline's population std (ddof=0), as the engine does.
        "wasserstein_normed": float(wasserstein_distance(base, cur) / np.std(base)),
    }


def categorical_case(name, rng, categories, base_p, cur_p, n):
    base = rng.choice(categories, size=n, p=base_p)
    cur = rng.choice(categories, size=n, p=cur_p)
    # The engine counts categories in baseline order of frequency, then "other".
    known = [c for c in categories if np.sum(base == c) > 0]
    base_counts = [int(np.sum(base == c)) for c in known]
    cur_counts = [int(np.sum(cur == c)) for c in known]
    base_counts.append(0)
    cur_counts.append(int(np.sum(~np.isin(cur, known))))
    table = np.array([base_counts, cur_counts])
    nonempty = table[:, table.sum(axis=0) > 0]
    stat, pvalue, _, _ = chi2_contingency(nonempty, correction=False)
    p = np.array(cur_counts) / sum(cur_counts)
    q = np.array(base_counts) / sum(base_counts)
    return {
        "name": name,
        "baseline": [str(x) for x in base],
        "current": [str(x) for x in cur],
        "chi2_statistic": float(stat),
        "chi2_pvalue": float(pvalue),
        "js_distance": float(jensenshannon(p, q, base=2)),
        "tvd": float(0.5 * np.abs(p - q).sum()),
    }


def main(out_dir):
    rng = np.random.default_rng(20261125)
    cases = {
        "numeric": [
            numeric_case("same", rng, 0.0, 0.0, 1.0, 4000),
            numeric_case("shifted", rng, 0.0, 0.3, 1.0, 4000),
            numeric_case("wider", rng, 5.0, 5.0, 1.6, 3000),
            numeric_case("small", rng, 0.0, 0.5, 1.0, 300),
        ],
        "categorical": [
            categorical_case("stable", rng, ["a", "b", "c", "d"], [0.4, 0.3, 0.2, 0.1], [0.4, 0.3, 0.2, 0.1], 3000),
            categorical_case("moved", rng, ["a", "b", "c", "d"], [0.4, 0.3, 0.2, 0.1], [0.25, 0.25, 0.25, 0.25], 3000),
        ],
        # Special functions behind the p-values.
        "kolmogorov_sf": [[z, float(kstwobign.sf(z))] for z in (0.3, 0.5, 0.8, 1.0, 1.36, 2.0, 3.0)],
        "chi2_sf": [[x, k, float(chi2.sf(x, k))] for x, k in ((0.5, 1), (3.84, 1), (7.0, 3), (20.0, 10), (100.0, 60), (2.0, 7))],
    }
    # One case with an unseen category in the current window.
    unseen = categorical_case("unseen", rng, ["a", "b", "c"], [0.5, 0.5, 0.0], [0.45, 0.45, 0.1], 2000)
    cases["categorical"].append(unseen)
    path = Path(out_dir) / "drift.json"
    path.write_text(json.dumps(cases, sort_keys=True, indent=None, separators=(",", ":")) + "\n")


if __name__ == "__main__":
    main(sys.argv[1])
