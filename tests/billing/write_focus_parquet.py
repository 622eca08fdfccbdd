"""Writes the FOCUS fixture of pkg/sources/billing/focus/testdata/charges.csv
as Parquet with pyarrow, an independent writer, in the shapes exports use:

- decimal.parquet: costs and quantities as decimal128(38, 10), charge and
  billing periods as timestamp[us, UTC], Tags as a JSON string;
- map-tags.parquet.gz: costs as float64, periods as timestamp[ms, UTC], Tags
  as map<string, string>, the file gzipped.

Usage: write_focus_parquet.py CSV OUT_DIR
"""
import csv
import datetime
import decimal
import gzip
import json
import shutil
import sys
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

DECIMALS = {"BilledCost", "EffectiveCost", "ListCost", "ContractedCost", "PricingQuantity", "ConsumedQuantity"}
TIMES = {"BillingPeriodStart", "BillingPeriodEnd", "ChargePeriodStart", "ChargePeriodEnd"}


def timestamp(text):
    return datetime.datetime.strptime(text, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=datetime.timezone.utc)


def column(name, values, costs_as, time_unit, tags_as_map):
    present = [v if v != "" else None for v in values]
    if name in DECIMALS:
        if costs_as == "decimal":
            return pa.array([decimal.Decimal(v) if v else None for v in present], pa.decimal128(38, 10))
        return pa.array([float(v) if v else None for v in present], pa.float64())
    if name in TIMES:
        return pa.array([timestamp(v) if v else None for v in present], pa.timestamp(time_unit, tz="UTC"))
    if name == "Tags" and tags_as_map:
        return pa.array([list(json.loads(v).items()) if v else None for v in present], pa.map_(pa.string(), pa.string()))
    return pa.array(present, pa.string())


def write(rows, header, path, costs_as, time_unit, tags_as_map):
    table = pa.table({name: column(name, [r[name] for r in rows], costs_as, time_unit, tags_as_map) for name in header})
    pq.write_table(table, path, row_group_size=5)  # several row groups


def main():
    source, out = Path(sys.argv[1]), Path(sys.argv[2])
    out.mkdir(parents=True, exist_ok=True)
    with source.open(newline="") as f:
        reader = csv.DictReader(f)
        header, rows = reader.fieldnames, list(reader)
    write(rows, header, out / "decimal.parquet", "decimal", "us", False)
    plain = out / "map-tags.parquet"
    write(rows, header, plain, "float", "ms", True)
    with plain.open("rb") as src, gzip.open(out / "map-tags.parquet.gz", "wb") as dst:
        shutil.copyfileobj(src, dst)
    plain.unlink()


if __name__ == "__main__":
    main()
