"""Trains a small scikit-learn classifier on the iris data set (bundled with
scikit-learn, nothing downloaded) and writes it with its MLServer settings."""
import json
import sys
from pathlib import Path

import joblib
from sklearn.datasets import load_iris
from sklearn.linear_model import LogisticRegression

out = Path(sys.argv[1])
out.mkdir(parents=True, exist_ok=True)
x, y = load_iris(return_X_y=True)
model = LogisticRegression(max_iter=500).fit(x, y)
joblib.dump(model, out / "model.joblib")
(out / "model-settings.json").write_text(json.dumps({
    "name": "iris",
    "implementation": "mlserver_sklearn.SKLearnModel",
    "parameters": {"uri": "./model.joblib", "version": "v1"},
}))
print(f"trained iris classifier, accuracy {model.score(x, y):.3f}")
