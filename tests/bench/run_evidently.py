"""Times Evidently on a peer-benchmark dataset: data drift on every feature
(its default test per column) plus binary classification quality (accuracy,
precision, recall, F1, ROC AUC, log loss), reference vs current.

Usage: run_evidently.py DATA_DIR. Prints one JSON line: the row count, the
seconds spent reading the CSV files and in Report.run, the process's peak
resident memory, and every result (per feature: method, score, drifted).
"""

import json
import resource
import sys
import time
from pathlib import Path

import pandas as pd
from evidently import BinaryClassification, DataDefinition, Dataset, Report
from evidently.metrics import Accuracy, F1Score, LogLoss, Precision, Recall, RocAuc
from evidently.presets import DataDriftPreset

# Evidently's method names → the engine's; p-value tests drift below the threshold.
METHODS = {
    "K-S p_value": ("ks", True),
    "Wasserstein distance (normed)": ("wasserstein", False),
    "Jensen-Shannon distance": ("js", False),
    "chi-square p_value": ("chisquare", True),
    "Z-test p_value": ("ztest", True),
}
QUALITY = {"Accuracy": "accuracy", "Precision": "precision", "Recall": "recall", "F1Score": "f1", "RocAuc": "aucRoc", "LogLoss": "logLoss"}


def main():
    data = Path(sys.argv[1])
    schema = json.loads((data / "schema.json").read_text())
    features = schema["numeric"] + schema["categorical"]
    t0, c0 = time.perf_counter(), time.process_time()
    ref = pd.read_parquet(data / "reference.parquet")
    cur = pd.read_parquet(data / "current.parquet")
    t1 = time.perf_counter()
    definition = DataDefinition(
        numerical_columns=schema["numeric"] + ["score"],
        categorical_columns=schema["categorical"] + ["label"],
        classification=[BinaryClassification(target="label", prediction_probas="score", pos_label=1)],
    )
    report = Report([
        DataDriftPreset(columns=features),
        Accuracy(), Precision(conf_matrix=False), Recall(conf_matrix=False), F1Score(conf_matrix=False),
        RocAuc(roc_curve=False), LogLoss(),
    ])
    snapshot = report.run(
        Dataset.from_pandas(cur, data_definition=definition),
        Dataset.from_pandas(ref, data_definition=definition),
    )
    results = snapshot.dict()["metrics"]
    t2, c2 = time.perf_counter(), time.process_time()
    drift, quality = {}, {}
    for m in results:
        config = m["config"]
        kind = config["type"].split(":")[-1]
        if kind == "ValueDrift":
            method, is_test = METHODS[config["method"]]
            score = float(m["value"])
            drifted = score < config["threshold"] if is_test else score >= config["threshold"]
            if method == "ks":
                drifted = score <= config["threshold"]
            drift[config["column"]] = {"method": method, "score": score, "drifted": drifted}
        elif kind in QUALITY:
            quality[QUALITY[kind]] = float(m["value"])
    print(json.dumps({
        "rows": len(ref) + len(cur),
        "readSeconds": round(t1 - t0, 3),
        "reportSeconds": round(t2 - t1, 3),
        "cpuSeconds": round(c2 - c0, 3),
        "peakMB": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
        "drift": drift,
        "quality": quality,
    }))


if __name__ == "__main__":
    main()
