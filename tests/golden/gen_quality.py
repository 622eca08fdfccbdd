"""Writes quality golden fixtures: raw rows plus scikit-learn reference values.

Usage: gen_quality.py FIXTURES_DIR. Datasets use fixed seeds and floats are
written with repr (shortest round-trip form), so reruns are byte-identical.
Undefined reference values (scikit-learn's ill-defined cases, computed with
zero_division=np.nan, or an error for one-class AUC) are written as null.
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


def finite(x):
    """A float, or None when the reference value is undefined (NaN/inf)."""
    x = float(x)
    return x if math.isfinite(x) else None


def safe(fn):
    try:
        return finite(fn())
    except ValueError:
        return None


def off_bin_edges(scores):
    """Rounds scores to 6 decimals and moves any that land on a 0.01 bin edge
    off it, so every binning convention puts each score in the same bin."""
    s = np.round(scores, 6)
    on_edge = np.isclose(s * 100, np.round(s * 100), rtol=0, atol=1e-7)
    s[on_edge] += 5e-7
    return np.clip(s, 5e-7, 1 - 5e-7)


def ece_numpy(y, s, bins=10):
    idx = np.digitize(s, np.linspace(0, 1, bins + 1)[1:-1])
    total = 0.0
    for b in range(bins):
        m = idx == b
        if m.any():
            total += m.sum() * abs(y[m].mean() - s[m].mean())
    return total / len(y)


def binary_case(name, y, s, threshold):
    y = y.astype(int)
    pred = (s >= threshold).astype(int)
    nan = np.nan
    prob_true, prob_pred = calibration_curve(y, s, n_bins=10, strategy="uniform")
    return {
        "name": name,
        "threshold": threshold,
        "label": y.tolist(),
        "score": s.tolist(),
        "expected": {
            "accuracy": finite(accuracy_score(y, pred)),
            "precision": finite(precision_score(y, pred, zero_division=nan)),
            "recall": finite(recall_score(y, pred, zero_division=nan)),
            "f1": finite(f1_score(y, pred, zero_division=nan)),
            "aucRoc": safe(lambda: roc_auc_score(y, s)),
            "prAuc": safe(lambda: average_precision_score(y, s)) if y.any() else None,
            "logLoss": finite(log_loss(y, s, labels=[0, 1])),
            "brier": finite(brier_score_loss(y, s, pos_label=1)),
            "ece": finite(ece_numpy(y, s)),
            "confusion": confusion_matrix(y, pred, labels=[0, 1]).tolist(),
            "reliabilityObserved": [float(v) for v in prob_true],
            "reliabilityPredicted": [float(v) for v in prob_pred],
        },
    }


def binary_cases(rng):
    p = rng.beta(2, 3, 3000)
    calibrated = off_bin_edges(p)
    y1 = rng.random(3000) < calibrated

    p = rng.beta(1.5, 1.5, 4000)
    logit = np.log(p / (1 - p))
    overconfident = off_bin_edges(1 / (1 + np.exp(-2.5 * logit)))
    y2 = rng.random(4000) < p

    one_class = off_bin_edges(rng.beta(2, 5, 300))
    low = off_bin_edges(rng.uniform(0.02, 0.45, 500))
    y4 = rng.random(500) < low
    return [
        binary_case("calibrated", y1, calibrated, 0.5),
        binary_case("overconfident_threshold_0.3", y2, overconfident, 0.3),
        binary_case("one_class", np.zeros(300, dtype=int), one_class, 0.5),
        binary_case("no_predicted_positive", y4, low, 0.5),
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
    ]


def r2_undefined_safe(y, pred):
    """R² without force_finite: a constant target gives NaN/-inf, i.e. undefined."""
    with np.errstate(divide="ignore", invalid="ignore"):
        return finite(r2_score(y, pred, force_finite=False))


def regression_case(name, y, pred):
    return {
        "name": name,
        "target": y.tolist(),
        "prediction": pred.tolist(),
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
    return [
        regression_case("noisy", y, pred),
        regression_case("constant_target", const, np.round(const + rng.normal(0, 1, 200), 6)),
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
