"""Seeds an MLflow model registry with the demo fleet's models through
MLflow's own client: registered models with tags and descriptions, their
versions (tagged with the version serving reports), the champion alias, and
the deprecated Production stage for Demand Forecast.

Usage: seed.py seed | seed.py move-alias MODEL VERSION
The server and credentials come from MLFLOW_TRACKING_URI,
MLFLOW_TRACKING_USERNAME and MLFLOW_TRACKING_PASSWORD.
"""

import sys

from mlflow import MlflowClient
from mlflow.exceptions import MlflowException

ALIAS = "champion"
VERSION_TAG = "version"

# The demo fleet (pkg/sources/demo/models.go and versions.go): the
# integration test checks the registry's inventory against the demo's.
FLEET = [
    {
        "name": "Risk Assessment",
        "owner": "Credit Risk Analytics",
        "risk_class": "high",
        "task": "binary",
        "primary_metric": "accuracy",
        "intended_purpose": "Scores consumer loan applications for default risk; a credit officer decides every application (Annex III 5(b) creditworthiness)",
        "versions": ["4.1.0", "4.2.1"],
    },
    {
        "name": "Fraud Detection",
        "owner": "Payments Security",
        "risk_class": "limited",
        "task": "binary",
        "primary_metric": "prAuc",
        "intended_purpose": "Flags card payments for fraud review before authorisation; flagged payments go to an analyst",
        "versions": ["6.4.2", "7.0.3"],
    },
    {
        "name": "Recommendation AI",
        "owner": "Personalization",
        "risk_class": "minimal",
        "task": "binary",
        "primary_metric": "aucRoc",
        "intended_purpose": "Ranks catalogue items for the storefront and e-mail placements",
        "versions": ["3.0.2", "3.1.0", "3.2.0"],
    },
    {
        "name": "Customer AI Assistant",
        "owner": "Customer Experience",
        "risk_class": "limited",
        "task": "binary",
        "primary_metric": "accuracy",
        "intended_purpose": "Answers customer questions in chat and hands over to an agent when unsure; users are told they talk to an AI",
        "versions": ["2.4.1", "2.5.0"],
    },
    {
        "name": "Demand Forecast",
        "owner": "Supply Chain Planning",
        "risk_class": "minimal",
        "task": "regression",
        "primary_metric": "mape",
        "intended_purpose": "Forecasts daily unit demand per store and product for replenishment",
        "versions": ["1.8.4"],
        "stage": "Production",
    },
]


def seed(client):
    for m in FLEET:
        tags = {k: m[k] for k in ("owner", "risk_class", "task", "primary_metric", "intended_purpose")}
        try:
            client.create_registered_model(m["name"], tags=tags, description="Demo fleet model: " + m["intended_purpose"])
        except MlflowException as e:
            if e.error_code != "RESOURCE_ALREADY_EXISTS":
                raise
            continue  # seeded before
        number = None
        for v in m["versions"]:
            slug = m["name"].lower().replace(" ", "-")
            mv = client.create_model_version(
                m["name"], source=f"s3://demo-models/{slug}/{v}", tags={VERSION_TAG: v}, description=f"release {v}", await_creation_for=0
            )
            number = mv.version
        if m.get("stage"):
            client.transition_model_version_stage(m["name"], number, m["stage"])
        else:
            client.set_registered_model_alias(m["name"], ALIAS, number)
    print(f"seeded {len(FLEET)} models")


def move_alias(client, name, version):
    for mv in client.search_model_versions(f"name='{name}'"):
        if mv.tags.get(VERSION_TAG) == version:
            client.set_registered_model_alias(name, ALIAS, mv.version)
            print(f"{ALIAS} of {name} is now version {mv.version} ({version})")
            return
    sys.exit(f"{name} has no version tagged {version}")


if __name__ == "__main__":
    client = MlflowClient()
    if sys.argv[1:] == ["seed"]:
        seed(client)
    elif len(sys.argv) == 4 and sys.argv[1] == "move-alias":
        move_alias(client, sys.argv[2], sys.argv[3])
    else:
        sys.exit(__doc__)
