"""Writes fairness golden fixtures: raw rows plus fairlearn reference values.

Usage: gen_fairness.py FIXTURES_DIR. Fixed seeds; floats written with repr, so
reruns are byte-identical. Groups with fewer than MIN_GROUP_SIZE rows are
reported per group but left out of the disparities, as the engine does; the
disparities ("between groups") come from fairlearn on the remaining rows. The
"largest" and "named" reference variants compare each group's MetricFrame
rates with the reference group's. fairlearn counts the TPR of a group without
positive labels as 0; the engine reports it undefined and leaves the
criteria that need it undefined with that reason (the Go test checks both).
"""

import functools
import json
import math
import sys
import warnings
from pathlib import Path

import numpy as np
from fairlearn.metrics import (
    MetricFrame,
    demographic_parity_difference,
    demographic_parity_ratio,
    equalized_odds_difference,
    false_positive_rate,
    selection_rate,
    true_positive_rate,
)
from sklearn.exceptions import UndefinedMetricWarning
from sklearn.metrics import accuracy_score, precision_score

warnings.filterwarnings("ignore", category=UndefinedMetricWarning)

MIN_GROUP_SIZE = 30

METRICS = {
    "selectionRate": selection_rate,
    "tpr": true_positive_rate,
    "fpr": false_positive_rate,
    "ppv": functools.partial(precision_score, zero_division=np.nan),
    "accuracy": accuracy_score,
}


def finite(x):
    x = float(x)
    return x if math.isfinite(x) else None


def make_rows(rng, spec):
    """spec: group -> (rows, base rate, P(pred=1 | y=1), P(pred=1 | y=0))."""
    groups, labels, preds = [], [], []
    for name, (n, base, tpr, fpr) in spec.items():
        y = (rng.random(n) < base).astype(int)
        hit = rng.random(n)
        pred = np.where(y == 1, hit < tpr, hit < fpr).astype(int)
        groups += [name] * n
        labels += y.tolist()
        preds += pred.tolist()
    return np.array(groups), np.array(labels), np.array(preds)


def reference_disparities(by_group, ref):
    """Gaps and parity ratio against one reference group."""
    out = {}
    for key, col in (("demographicParityDifference", "selectionRate"),
                     ("equalOpportunityDifference", "tpr")):
        out[key] = finite((by_group[col] - by_group.loc[ref, col]).abs().max())
    fpr_gap = (by_group["fpr"] - by_group.loc[ref, "fpr"]).abs().max()
    out["equalizedOddsDifference"] = finite(max(out["equalOpportunityDifference"], fpr_gap))
    sr = by_group["selectionRate"]
    r = sr.loc[ref]
    out["demographicParityRatio"] = finite((np.minimum(sr, r) / np.maximum(sr, r)).min())
    return out


def case(name, rng, spec, named_reference):
    g, y, pred = make_rows(rng, spec)
    mf = MetricFrame(metrics=METRICS, y_true=y, y_pred=pred, sensitive_features=g)
    groups = {}
    for group, row in mf.by_group.iterrows():
        groups[str(group)] = {k: finite(row[k]) for k in METRICS} | {"n": int((g == group).sum())}

    sizes = {k: int((g == k).sum()) for k in spec}
    eligible = [k for k, n in sizes.items() if n >= MIN_GROUP_SIZE]
    keep = np.isin(g, eligible)
    disparities = {"best": None, "largest": None, "named": None}
    if len(eligible) >= 2:
        ye, pe, ge = y[keep], pred[keep], g[keep]
        eo = MetricFrame(metrics=true_positive_rate, y_true=ye, y_pred=pe, sensitive_features=ge)
        disparities["best"] = {
            "demographicParityDifference": finite(demographic_parity_difference(ye, pe, sensitive_features=ge)),
            "demographicParityRatio": finite(demographic_parity_ratio(ye, pe, sensitive_features=ge)),
            "equalOpportunityDifference": finite(eo.difference(method="between_groups")),
            "equalizedOddsDifference": finite(equalized_odds_difference(ye, pe, sensitive_features=ge)),
        }
        by_group = mf.by_group.loc[eligible]
        largest = max(eligible, key=lambda k: (sizes[k], k))
        disparities["largest"] = reference_disparities(by_group, largest)
        disparities["named"] = reference_disparities(by_group, named_reference)
    return {
        "name": name,
        "group": g.tolist(),
        "label": y.tolist(),
        "pred": pred.tolist(),
        "namedReference": named_reference,
        "expected": {"groups": groups, "disparities": disparities},
    }


def write(path, obj):
    path.write_text(json.dumps(obj, sort_keys=True, separators=(",", ":")) + "\n")


def main():
    out = Path(sys.argv[1])
    out.mkdir(parents=True, exist_ok=True)
    rng = np.random.default_rng(20240602)
    cases = [
        case("disparate_with_small_group", rng, {
            "A": (900, 0.35, 0.80, 0.10),
            "B": (700, 0.30, 0.62, 0.06),
            "C": (400, 0.45, 0.85, 0.20),
            "D": (20, 0.50, 0.50, 0.50),
            "E": (500, 0.40, 0.70, 0.15),
        }, "E"),
        case("balanced", rng, {
            "north": (4000, 0.30, 0.75, 0.10),
            "south": (3500, 0.30, 0.75, 0.10),
        }, "south"),
        case("single_group", rng, {"all": (500, 0.4, 0.7, 0.1)}, "all"),
        case("group_without_positives", rng, {
            "A": (600, 0.40, 0.75, 0.10),
            "B": (300, 0.00, 0.75, 0.12),
            "C": (450, 0.35, 0.70, 0.08),
        }, "A"),
        case("tiny_groups", rng, {"x": (12, 0.5, 0.8, 0.2), "y": (9, 0.4, 0.6, 0.1)}, "x"),
    ]
    write(out / "fairness_groups.json", {"cases": cases, "minGroupSize": MIN_GROUP_SIZE})


if __name__ == "__main__":
    main()
