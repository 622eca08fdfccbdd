"""Sends a bounded burst of real inference requests to MLServer on loopback,
some deliberately failing (wrong input width), and writes what it sent and
measured: counts and client-side latency quantiles (ms)."""
import json
import sys
import time
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor

url, total, failing, out = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
good = {"inputs": [{"name": "x", "shape": [1, 4], "datatype": "FP64", "data": [5.1, 3.5, 1.4, 0.2]}]}
bad = {"inputs": [{"name": "x", "shape": [1, 3], "datatype": "FP64", "data": [5.1, 3.5, 1.4]}]}


def send(i):
    body = json.dumps(bad if i % (total // failing) == 0 and i // (total // failing) < failing else good).encode()
    req = urllib.request.Request(url, data=body, headers={"Content-Type": "application/json"})
    start = time.perf_counter()
    try:
        with urllib.request.urlopen(req, timeout=30) as r:
            r.read()
            ok = True
    except urllib.error.HTTPError as e:
        e.read()
        ok = False
    return ok, (time.perf_counter() - start) * 1000


with ThreadPoolExecutor(max_workers=4) as pool:
    results = list(pool.map(send, range(total)))
latencies = sorted(ms for _, ms in results)


def quantile(q):
    return latencies[min(len(latencies) - 1, int(q * len(latencies)))]


report = {
    "sent": total,
    "failed": sum(1 for ok, _ in results if not ok),
    "meanMs": sum(latencies) / len(latencies),
    "p50Ms": quantile(0.50), "p95Ms": quantile(0.95), "p99Ms": quantile(0.99),
}
json.dump(report, open(out, "w"))
print("load:", json.dumps(report))
