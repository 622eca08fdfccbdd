"""Times Evidently on the peer-benchmark files: data drift on all 20 features
plus binary classification quality, reference vs current.

Usage: run_evidently.py DATA_DIR. Prints one JSON line with the row count,
the seconds spent reading the CSV files, the seconds spent in Report.run, and
the process's peak resident memory.
"""

import json
import resource
import sys
import time
from pathlib import Path

import pandas as pd
from evidently import BinaryClassification, DataDefinition, Dataset, Report
from evidently.presets import ClassificationPreset, DataDriftPreset

from gen_data import CATEGORICAL, NUMERIC


def main():
    data = Path(sys.argv[1])
    t0 = time.perf_counter()
    ref = pd.read_csv(data / "reference.csv")
    cur = pd.read_csv(data / "current.csv")
    t1 = time.perf_counter()
    definition = DataDefinition(
        numerical_columns=NUMERIC + ["score"],
        categorical_columns=CATEGORICAL + ["label"],
        classification=[BinaryClassification(target="label", prediction_probas="score", pos_label=1)],
    )
    report = Report([DataDriftPreset(columns=NUMERIC + CATEGORICAL), ClassificationPreset()])
    snapshot = report.run(
        Dataset.from_pandas(cur, data_definition=definition),
        Dataset.from_pandas(ref, data_definition=definition),
    )
    snapshot.dict()  # materialize every metric result
    t2 = time.perf_counter()
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({
        "rows": len(ref) + len(cur),
        "readSeconds": round(t1 - t0, 3),
        "reportSeconds": round(t2 - t1, 3),
        "peakMB": round(peak_mb, 1),
    }))


if __name__ == "__main__":
    main()
