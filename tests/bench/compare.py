"""Prints the peer-benchmark comparison from the JSON lines of the runners.

Usage: compare.py EVIDENTLY_JSON ENGINE_JSON ENGINE_2X_JSON
"""

import json
import sys

TARGET_RATIO = 20


def main():
    ev, en, en2 = (json.loads(a) for a in sys.argv[1:4])
    ev_total = ev["readSeconds"] + ev["reportSeconds"]
    ev_rate = ev["rows"] / ev_total
    en_rate = en["rows"] / en["seconds"]
    en2_rate = en2["rows"] / en2["seconds"]
    ratio = en_rate / ev_rate
    print(f"{'':28}{'rows':>10}{'seconds':>10}{'rows/s':>12}{'peak MB':>10}")
    print(f"{'evidently (read + report)':28}{ev['rows']:>10}{ev_total:>10.2f}{ev_rate:>12.0f}{ev['peakMB']:>10.1f}")
    print(f"{'  report only':28}{ev['rows']:>10}{ev['reportSeconds']:>10.2f}{ev['rows'] / ev['reportSeconds']:>12.0f}")
    print(f"{'engine (read + report)':28}{en['rows']:>10}{en['seconds']:>10.2f}{en_rate:>12.0f}{en['peakMB']:>10.1f}")
    print(f"{'engine, 2x rows':28}{en2['rows']:>10}{en2['seconds']:>10.2f}{en2_rate:>12.0f}{en2['peakMB']:>10.1f}")
    print(f"throughput ratio engine/evidently: {ratio:.1f}x (target >= {TARGET_RATIO}x)")
    print(f"engine peak memory, 2x rows vs 1x: {en2['peakMB'] / en['peakMB']:.2f}x")


if __name__ == "__main__":
    main()
