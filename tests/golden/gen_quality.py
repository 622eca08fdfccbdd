"""Writes quality golden fixtures: raw rows plus scikit-learn reference values.

Usage: gen_quality.py FIXTURES_DIR. Datasets use fixed seeds and floats are
written with repr (shortest round-trip form), so reruns are byte-identical.
Undefined reference values (scikit-learn's ill-defined cases, computed with
zero_division=np.nan, or an error for one-class AUC) are written as null.

Binary cases carry the rows the engine builds its baseline from ("baseline":
an independent draw of the same model, or null when the window is its own
baseline) and the window rows the reference values are computed on; the Go
test feeds both through the production baseline builder and summarizer.
"""

import json
import math
import sys
import warnings
from pathlib import Path

import numpy as np
from sklearn.calibration import calibration_curve
from sklearn.exceptions import UndefinedMetricWarning
from sklearn.metrics import (
    accuracy_score,
    average_precision_score,
    brier_score_loss,
    confusion_matrix,
    f1_score,
    log_loss,
    mean_absolute_error,
    mean_absolute_percentage_error,
    mean_squared_error,
    precision_score,
    r2_score,
    recall_score,
    roc_auc_score,
)

warnings.filterwarnings("ignore", category=UndefinedMetricWarning)
warnings.filterwarnings("ignore", message=".*Only one class.*")
warnings.filterwarnings("ignore", message=".*No positive class.*")


def finite(x):
    """A float, or None when the reference value is undefined (NaN/inf)."""
    x = float(x)
    return x if math.isfinite(x) else None


def safe(fn):
    try:
        return finite(fn())
    except ValueError:
        return None


def ece_sklearn_bins(y, s, bins=10):
    """ECE over calibration_curve's uniform bins, with its closure: a score
    on an edge belongs to the bin below it (np.searchsorted, side="left")."""
    edges = np.linspace(0.0, 1.0, bins + 1)
    idx = np.searchsorted(edges[1:-1], s)
    total = 0.0
    for b in range(bins):
        m = idx == b
        if m.any():
            total += m.sum() * abs(y[m].mean() - s[m].mean())
    return total / len(y)


def binary_case(name, y, s, threshold, baseline=None):
    y = y.astype(int)
    pred = (s >= threshold).astype(int)
    nan = np.nan
    prob_true, prob_pred = calibration_curve(y, s, n_bins=10, strategy="uniform")
    return {
        "name": name,
        "threshold": threshold,
        "label": y.tolist(),
        "score": [float(v) for v in s],
        "baselineScore": None if baseline is None else [float(v) for v in baseline[1]],
        "baselineLabel": None if baseline is None else baseline[0].astype(int).tolist(),
        "expected": {
            "accuracy": finite(accuracy_score(y, pred)),
            "precision": finite(precision_score(y, pred, zero_division=nan)),
            "recall": finite(recall_score(y, pred, zero_division=nan)),
            "f1": finite(f1_score(y, pred, zero_division=nan)),
            "aucRoc": safe(lambda: roc_auc_score(y, s)),
            "prAuc": safe(lambda: average_precision_score(y, s)) if y.any() else None,
            "logLoss": finite(log_loss(y, s, labels=[0, 1])),
            "brier": finite(brier_score_loss(y, s, pos_label=1)),
            "ece": finite(ece_sklearn_bins(y, s)),
            "confusion": confusion_matrix(y, pred, labels=[0, 1]).tolist(),
            "reliabilityObserved": [float(v) for v in prob_true],
            "reliabilityPredicted": [float(v) for v in prob_pred],
        },
    }


def rare_event(rng, n):
    """0.5% positives, every score below 0.02 (a fraud-style model)."""
    y = (rng.random(n) < 0.005).astype(int)
    s = np.where(y == 1, rng.beta(4, 2, n), rng.beta(1.2, 4, n)) * 0.02
    return y, np.round(s, 9)


def binary_cases(rng):
    p = rng.beta(2, 3, 3000)
    calibrated = np.round(p, 6)
    y1 = rng.random(3000) < calibrated

    p = rng.beta(1.5, 1.5, 4000)
    logit = np.log(p / (1 - p))
    overconfident = np.round(1 / (1 + np.exp(-2.5 * logit)), 6)
    y2 = rng.random(4000) < p

    one_class = np.round(rng.beta(2, 5, 300), 6)
    low = np.round(rng.uniform(0.02, 0.45, 500), 6)
    y4 = rng.random(500) < low

    # hard 0/1 scores next to soft ones: log loss clips at float64 eps
    hard = np.round(rng.beta(0.3, 0.3, 2000), 4)
    hard[rng.random(2000) < 0.15] = 0.0
    hard[rng.random(2000) < 0.15] = 1.0
    y5 = rng.random(2000) < np.clip(hard, 0.05, 0.95)

    y6, rare = rare_event(rng, 40000)
    rare_baseline = rare_event(rng, 40000)

    low_scores = rng.uniform(0, 0.01, 3000)
    y7 = rng.random(3000) < low_scores * 20
    low_base = rng.uniform(0, 0.01, 3000)
    low_baseline = (rng.random(3000) < low_base * 20, low_base)

    # ties: scores rounded to 2 decimals (101 values), then to 3 (1001 values)
    p = rng.beta(2, 2, 5000)
    y8 = rng.random(5000) < p
    ties2 = np.round(p, 2)
    ties3 = np.round(p, 3)

    # scores exactly on the reliability edges (np.linspace(0, 1, 11))
    edges = np.linspace(0, 1, 11)
    on_edges = edges[rng.integers(0, 11, 1500)]
    y9 = rng.random(1500) < np.clip(on_edges, 0.05, 0.95)

    tiny_s = np.array([0.2, 0.7, 0.4, 0.9, 0.55])
    tiny_y = np.array([0, 1, 1, 1, 0])
    return [
        binary_case("calibrated", y1, calibrated, 0.5),
        binary_case("overconfident_threshold_0.3", y2, overconfident, 0.3),
        binary_case("one_class", np.zeros(300, dtype=int), one_class, 0.5),
        binary_case("no_predicted_positive", y4, low, 0.5),
        binary_case("hard_zero_one_scores", y5, hard, 0.5),
        binary_case("squeezed_two_rows", np.array([0, 1]), np.array([0.001, 0.009]), 0.5),
        binary_case("rare_event_0.5pct_below_0.02", y6, rare, 0.01, baseline=rare_baseline),
        binary_case("all_scores_below_0.01", y7, low_scores, 0.005, baseline=low_baseline),
        binary_case("ties_two_decimals", y8, ties2, 0.5),
        binary_case("ties_three_decimals", y8, ties3, 0.5),
        binary_case("scores_on_reliability_edges", y9, on_edges, 0.5),
        binary_case("tiny_window", tiny_y, tiny_s, 0.5),
    ]


def multiclass_case(name, y, pred, k):
    labels = list(range(k))
    nan = np.nan
    expected = {"accuracy": finite(accuracy_score(y, pred))}
    for avg in ("macro", "weighted"):
        suffix = avg.capitalize()
        expected["precision" + suffix] = finite(precision_score(y, pred, labels=labels, average=avg, zero_division=nan))
        expected["recall" + suffix] = finite(recall_score(y, pred, labels=labels, average=avg, zero_division=nan))
        expected["f1" + suffix] = finite(f1_score(y, pred, labels=labels, average=avg, zero_division=nan))
    expected["confusion"] = confusion_matrix(y, pred, labels=labels).tolist()
    return {"name": name, "classes": k, "label": y.tolist(), "pred": pred.tolist(), "expected": expected}


def multiclass_cases(rng):
    n = 3000
    y = rng.choice(4, size=n, p=[0.4, 0.3, 0.2, 0.1])
    noisy = rng.random(n) < 0.3
    pred = np.where(noisy, rng.integers(0, 4, n), y)
    # class 3 is never predicted: its precision is undefined
    pred = np.where(pred == 3, 2, pred)

    y2 = rng.choice(3, size=1000, p=[0.5, 0.3, 0.2])  # class 3 of 4 never occurs
    pred2 = np.where(rng.random(1000) < 0.25, rng.integers(0, 3, 1000), y2)
    return [
        multiclass_case("four_classes_one_never_predicted", y, pred, 4),
        multiclass_case("absent_class", y2, pred2, 4),
        multiclass_case("tiny_window", np.array([0, 1, 2]), np.array([0, 2, 2]), 3),
    ]


def r2_undefined_safe(y, pred):
    """R² without force_finite: a constant target gives NaN/-inf, i.e. undefined."""
    with np.errstate(divide="ignore", invalid="ignore"):
        return finite(r2_score(y, pred, force_finite=False))


def regression_case(name, y, pred):
    return {
        "name": name,
        "target": [float(v) for v in y],
        "prediction": [float(v) for v in pred],
        "expected": {
            "mae": finite(mean_absolute_error(y, pred)),
            "rmse": finite(math.sqrt(mean_squared_error(y, pred))),
            "mape": finite(mean_absolute_percentage_error(y, pred)),
            "r2": r2_undefined_safe(y, pred),
        },
    }


def regression_cases(rng):
    y = np.round(rng.normal(50, 12, 2000), 6)
    y = np.where(np.abs(y) < 1e-3, 1.0, y)  # MAPE differs from scikit-learn at y = 0
    pred = np.round(y + rng.normal(0, 4, 2000), 6)
    const = np.full(200, 7.5)
    offset = 1e7 + np.array([-1.0, 0.0, 1.0, 2.0])
    wide_offset = np.round(1e7 + rng.normal(0, 3, 5000), 3)
    return [
        regression_case("noisy", y, pred),
        regression_case("constant_target", const, np.round(const + rng.normal(0, 1, 200), 6)),
        regression_case("offset_1e7_four_rows", offset, offset + np.array([0.1, -0.1, 0.1, -0.1])),
        regression_case("offset_1e7", wide_offset, np.round(wide_offset + rng.normal(0, 1, 5000), 3)),
    ]


def write(path, obj):
    path.write_text(json.dumps(obj, sort_keys=True, separators=(",", ":")) + "\n")


def main():
    out = Path(sys.argv[1])
    out.mkdir(parents=True, exist_ok=True)
    rng = np.random.default_rng(20240601)
    write(out / "quality_binary.json", {"cases": binary_cases(rng)})
    write(out / "quality_multiclass.json", {"cases": multiclass_cases(rng)})
    write(out / "quality_regression.json", {"cases": regression_cases(rng)})


if __name__ == "__main__":
    main()
