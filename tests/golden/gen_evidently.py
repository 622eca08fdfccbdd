"""Writes the auto-method golden fixture: which drift test Evidently picks per
column, and its score, on columns chosen to sit on each side of its rule
(reference rows ≤ 1000 or more; distinct values of reference and current
together ≤ 2, 3–5, or more; numeric or categorical).

Usage: gen_evidently.py FIXTURES_DIR. Fixed seeds; floats written with repr,
so reruns are byte-identical. Evidently's registry picks the test exactly as
its DataDriftPreset does (legacy.calculations.stattests.registry).
"""

import json
import sys
import warnings
from pathlib import Path

import numpy as np
import pandas as pd
from evidently.legacy.calculations.stattests.registry import get_stattest
from evidently.legacy.core import ColumnType

warnings.filterwarnings("ignore")

# Evidently's stattest names → the engine's method names.
METHODS = {"ks": "ks", "wasserstein": "wasserstein", "jensenshannon": "js", "chisquare": "chisquare", "z": "ztest"}


def case(name, kind, ref, cur):
    ref, cur = pd.Series(ref), pd.Series(cur)
    column_type = ColumnType.Numerical if kind == "numeric" else ColumnType.Categorical
    test = get_stattest(ref, cur, column_type, None)
    result = test(ref, cur, column_type, None)
    values = (lambda s: [float(v) for v in s]) if kind == "numeric" else (lambda s: [str(v) for v in s])
    return {
        "name": name,
        "kind": kind,
        "baseline": values(ref),
        "current": values(cur),
        "method": METHODS[test.name],
        "score": float(result.drift_score),
        "drifted": bool(result.drifted),
    }


def main(out_dir):
    rng = np.random.default_rng(20261127)
    n, choice = rng.normal, rng.choice
    ab, abc = np.array(["a", "b"]), np.array(["a", "b", "c", "d", "e", "f"])
    cases = [
        case("numeric_500_rows_continuous", "numeric", n(0, 1, 500), n(0.3, 1, 400)),
        case("numeric_3000_rows_continuous", "numeric", n(0, 1, 3000), n(0.2, 1, 2000)),
        case("numeric_1000_rows_is_small", "numeric", n(0, 1, 1000), n(0, 1, 900)),
        case("numeric_1001_rows_is_large", "numeric", n(0, 1, 1001), n(0.1, 1, 4000)),
        case("numeric_two_values_500_rows", "numeric", choice([0.0, 1.0], 500, p=[0.7, 0.3]), choice([0.0, 1.0], 500, p=[0.6, 0.4])),
        case("numeric_two_values_3000_rows", "numeric", choice([0.0, 1.0], 3000, p=[0.7, 0.3]), choice([0.0, 1.0], 3000, p=[0.6, 0.4])),
        case("numeric_four_values_600_rows", "numeric", choice([1.0, 2.0, 3.0, 4.0], 600), choice([1.0, 2.0, 3.0, 4.0], 500, p=[0.4, 0.2, 0.2, 0.2])),
        case("numeric_four_values_2500_rows", "numeric", choice([1.0, 2.0, 3.0, 4.0], 2500), choice([1.0, 2.0, 3.0, 4.0], 2000, p=[0.4, 0.2, 0.2, 0.2])),
        case("numeric_two_values_third_appears", "numeric", choice([0.0, 1.0], 400), choice([0.0, 1.0, 2.0], 400)),
        case("numeric_five_then_six_values", "numeric", choice([1.0, 2.0, 3.0, 4.0, 5.0], 700), choice([1.0, 2.0, 3.0, 4.0, 5.0, 6.0], 700)),
        case("numeric_constant_moves_300_rows", "numeric", np.full(300, 7.0), np.full(300, 8.0)),
        case("numeric_constant_moves_3000_rows", "numeric", np.full(3000, 7.0), np.full(3000, 8.0)),
        case("numeric_offset_1e7", "numeric", 1e7 + n(0, 1, 2000), 1e7 + n(0.3, 1, 2000)),
        case("categorical_two_values_500_rows", "categorical", choice(ab, 500, p=[0.7, 0.3]), choice(ab, 500, p=[0.55, 0.45])),
        case("categorical_two_values_3000_rows", "categorical", choice(ab, 3000, p=[0.7, 0.3]), choice(ab, 3000, p=[0.55, 0.45])),
        case("categorical_six_values_800_rows", "categorical", choice(abc, 800), choice(abc, 800, p=[0.3, 0.2, 0.2, 0.1, 0.1, 0.1])),
        case("categorical_six_values_5000_rows", "categorical", choice(abc, 5000), choice(abc, 4000, p=[0.3, 0.2, 0.2, 0.1, 0.1, 0.1])),
        case("categorical_new_value_in_window", "categorical", choice(ab, 2000), choice(abc[:3], 2000)),
    ]
    path = Path(out_dir) / "evidently_auto.json"
    path.write_text(json.dumps({"cases": cases}, sort_keys=True, separators=(",", ":")) + "\n")


if __name__ == "__main__":
    main(sys.argv[1])
