"""Prints the peer-benchmark comparison from the JSON lines of the runners
and checks that the two agree.

Usage: compare.py LABEL EVIDENTLY_JSON ENGINE_JSON [ENGINE_2X_JSON]

Agreement (exit status 1 when any fails):
- every feature: the same drift method, the same verdict, and the score
  within SCORE_TOL (Jensen–Shannon and p-values: computed the same way on
  the same counts) or, for the normed Wasserstein distance, within
  WASSERSTEIN_TOL of Evidently's (the engine works on 1% quantile bins);
- accuracy, precision, recall, F1 and log loss within SCORE_TOL; ROC AUC
  within the error bound the engine reports for it, and within AUC_TOL.
The throughput ratio (wall clock, so measure on an otherwise idle machine:
the engine uses both cores, Evidently mostly one) must reach TARGET_RATIO
(also exit status 1); the CPU-time ratio is printed beside it.
"""

import json
import sys

TARGET_RATIO = 20
SCORE_TOL = 1e-9
WASSERSTEIN_TOL = 0.02
AUC_TOL = 0.005


def agreement(ev, en):
    problems = []
    for feature, e in sorted(ev["drift"].items()):
        g = en["drift"].get(feature)
        if g is None or not g["ok"]:
            problems.append(f"{feature}: the engine did not score it ({g and g.get('reason')})")
            continue
        tol = WASSERSTEIN_TOL * max(1.0, abs(e["score"])) if e["method"] == "wasserstein" else SCORE_TOL
        if g["method"] != e["method"] or g["drifted"] != e["drifted"] or abs(g["score"] - e["score"]) > tol:
            problems.append(f"{feature}: engine {g['method']} {g['score']:.6g} drifted={g['drifted']}, "
                            f"evidently {e['method']} {e['score']:.6g} drifted={e['drifted']}")
    for name, want in sorted(ev["quality"].items()):
        got = en["quality"].get(name)
        tol = SCORE_TOL
        if name == "aucRoc":
            tol = min(AUC_TOL, en["quality"].get("aucRocErrorBound", 0) + SCORE_TOL)
        if got is None or abs(got - want) > tol:
            problems.append(f"{name}: engine {got}, evidently {want} (tolerance {tol:.3g})")
    return problems


def main():
    label = sys.argv[1]
    ev, en = json.loads(sys.argv[2]), json.loads(sys.argv[3])
    en2 = json.loads(sys.argv[4]) if len(sys.argv) > 4 else None
    ev_total = ev["readSeconds"] + ev["reportSeconds"]
    ev_rate = ev["rows"] / ev_total
    en_rate = en["rows"] / en["seconds"]
    ratio = en_rate / ev_rate
    print(f"== {label}")
    print(f"{'':28}{'rows':>10}{'seconds':>10}{'rows/s':>12}{'peak MB':>10}")
    print(f"{'evidently (read + report)':28}{ev['rows']:>10}{ev_total:>10.2f}{ev_rate:>12.0f}{ev['peakMB']:>10.1f}")
    print(f"{'  report only':28}{ev['rows']:>10}{ev['reportSeconds']:>10.2f}{ev['rows'] / ev['reportSeconds']:>12.0f}")
    print(f"{'engine (read + report)':28}{en['rows']:>10}{en['seconds']:>10.2f}{en_rate:>12.0f}{en['peakMB']:>10.1f}")
    if en2:
        print(f"{'engine, 2x rows':28}{en2['rows']:>10}{en2['seconds']:>10.2f}{en2['rows'] / en2['seconds']:>12.0f}{en2['peakMB']:>10.1f}")
        print(f"engine peak memory, 2x rows vs 1x: {en2['peakMB'] / en['peakMB']:.2f}x")
    drifted = sorted(f for f, d in ev["drift"].items() if d["drifted"])
    wass = [abs(en["drift"][f]["score"] - d["score"]) for f, d in ev["drift"].items() if d["method"] == "wasserstein" and en["drift"][f]["ok"]]
    print(f"drifted features: evidently {len(drifted)} of {len(ev['drift'])}, engine "
          f"{sum(1 for d in en['drift'].values() if d['drifted'])}; largest Wasserstein gap {max(wass, default=0):.4f}")
    print("quality: " + ", ".join(f"{k} {en['quality'].get(k, float('nan')):.6f} vs {v:.6f}" for k, v in sorted(ev["quality"].items()))
          + f" (AUC bound {en['quality'].get('aucRocErrorBound', float('nan')):.2g})")
    problems = agreement(ev, en)
    for p in problems:
        print("DISAGREE " + p)
    print(f"results agree: {'yes' if not problems else 'NO'}")
    print(f"throughput ratio engine/evidently: {ratio:.1f}x (target >= {TARGET_RATIO}x)")
    print(f"CPU seconds per row, evidently/engine: {ev['cpuSeconds'] / ev['rows'] / (en['cpuSeconds'] / en['rows']):.1f}x "
          f"({ev['cpuSeconds']:.1f} vs {en['cpuSeconds']:.1f} CPU s; the wall-clock ratio above needs a machine with both cores free)")
    return 1 if problems or ratio < TARGET_RATIO else 0


if __name__ == "__main__":
    sys.exit(main())
