"""Writes the peer-benchmark dataset: a reference file and a current file of
ROWS/2 rows each, 14 numeric and 6 categorical features, a binary label and a
score. Fixed seed, fixed float format: the same ROWS always gives the same bytes.

Usage: gen_data.py OUT_DIR ROWS
"""

import sys
from pathlib import Path

import numpy as np
import pandas as pd

NUMERIC = [f"num_{i:02d}" for i in range(14)]
CATEGORICAL = [f"cat_{i:02d}" for i in range(6)]
LEVELS = [[f"v{j}" for j in range(3 + 2 * i)] for i in range(len(CATEGORICAL))]


def frame(rng, n, shift):
    cols = {}
    for i, name in enumerate(NUMERIC):
        # every third numeric feature moves in the current half
        drift = shift * (0.4 if i % 3 == 0 else 0.0)
        cols[name] = rng.normal(10 * i + drift * (i + 1), 1 + i / 7, n)
    for i, name in enumerate(CATEGORICAL):
        k = len(LEVELS[i])
        p = np.linspace(1, 2, k)
        if shift and i % 2 == 0:
            p = p[::-1]
        cols[name] = np.array(LEVELS[i])[rng.choice(k, size=n, p=p / p.sum())]
    logit = 0.8 * (cols["num_01"] - 10) - 0.5 * (cols["num_04"] - 40) / 1.57 + rng.normal(0, 1, n)
    score = 1 / (1 + np.exp(-logit))
    label = (rng.random(n) < 1 / (1 + np.exp(-(logit + shift * 0.3)))).astype(int)
    cols["score"] = np.clip(score, 1e-6, 1 - 1e-6)
    cols["label"] = label
    return pd.DataFrame(cols)


def main():
    out, rows = Path(sys.argv[1]), int(sys.argv[2])
    out.mkdir(parents=True, exist_ok=True)
    rng = np.random.default_rng(424242)
    half = rows // 2
    for name, shift in (("reference", 0.0), ("current", 1.0)):
        frame(rng, half, shift).to_csv(out / f"{name}.csv", index=False, float_format="%.6f")


if __name__ == "__main__":
    main()
