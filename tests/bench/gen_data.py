"""Writes a peer-benchmark dataset: reference.parquet and current.parquet of
ROWS/2 rows each (pyarrow), plus schema.json naming the features. Fixed
seed: the same arguments always give the same data.

Usage: gen_data.py OUT_DIR ROWS [FEATURES]. FEATURES (default 20) are 70%
numeric and 30% categorical; every third numeric feature and every other
categorical one moves in the current half, and so does the label's
relationship to the score.
"""

import json
import sys
from pathlib import Path

import numpy as np
import pandas as pd


def feature_names(features):
    n_num = round(features * 0.7)
    return ([f"num_{i:04d}" for i in range(n_num)], [f"cat_{i:04d}" for i in range(features - n_num)])


def frame(rng, n, shift, numeric, categorical, decimals):
    cols = {}
    for i, name in enumerate(numeric):
        scale = i % 14
        drift = shift * (0.4 if i % 3 == 0 else 0.0)
        cols[name] = np.round(rng.normal(10 * scale + drift * (scale + 1), 1 + scale / 7, n), decimals)
    for i, name in enumerate(categorical):
        levels = np.array([f"v{j}" for j in range(3 + 2 * (i % 6))])
        p = np.linspace(1, 2, len(levels))
        if shift and i % 2 == 0:
            p = p[::-1]
        cols[name] = levels[rng.choice(len(levels), size=n, p=p / p.sum())]
    logit = 0.8 * (cols[numeric[1]] - 10) - 0.5 * (cols[numeric[4]] - 40) / 1.57 + rng.normal(0, 1, n)
    cols["score"] = np.round(np.clip(1 / (1 + np.exp(-logit)), 1e-6, 1 - 1e-6), 6)
    cols["label"] = (rng.random(n) < 1 / (1 + np.exp(-(logit + shift * 0.3)))).astype(int)
    return pd.DataFrame(cols)


def row_group_rows(features):
    """About 1.3M cells per row group: a reader that decodes one row group at
    a time holds the same memory whatever the width."""
    return max(4096, 1_310_720 // features)


def main():
    out, rows = Path(sys.argv[1]), int(sys.argv[2])
    features = int(sys.argv[3]) if len(sys.argv) > 3 else 20
    numeric, categorical = feature_names(features)
    decimals = 6 if features <= 100 else 4
    out.mkdir(parents=True, exist_ok=True)
    rng = np.random.default_rng(424242)
    for name, shift in (("reference", 0.0), ("current", 1.0)):
        frame(rng, rows // 2, shift, numeric, categorical, decimals).to_parquet(
            out / f"{name}.parquet", engine="pyarrow", index=False, row_group_size=row_group_rows(features),
            use_dictionary=categorical)  # numbers plain-encoded, categories as dictionaries
    (out / "schema.json").write_text(json.dumps({"numeric": numeric, "categorical": categorical}) + "\n")


if __name__ == "__main__":
    main()
