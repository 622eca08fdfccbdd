package engine

import (
	"math"
	"testing"
)

func TestHistogramQuantileInterpolatesInsideTheBucket(t *testing.T) {
	h := NewLatencyHistogram([]float64{100, 200, 400})
	h.Counts = []float64{10, 10, 0, 0}
	cases := []struct{ q, want float64 }{{0.5, 100}, {0.25, 50}, {0.95, 190}, {0.99, 198}}
	for _, c := range cases {
		got := h.Quantile(c.q)
		if !got.OK || math.Abs(got.Value-c.want) > 1e-9 {
			t.Errorf("q=%v: got %+v, want %v (linear inside the bucket, first bucket from 0)", c.q, got, c.want)
		}
	}
}

func TestHistogramQuantileInTheInfBucketIsTheHighestFiniteBound(t *testing.T) {
	h := NewLatencyHistogram([]float64{100, 200})
	h.Counts = []float64{1, 1, 8}
	if got := h.Quantile(0.95); got.Value != 200 {
		t.Fatalf("a rank in the +Inf bucket reads the highest finite bound, as Prometheus does: got %+v", got)
	}
	if (LatencyHistogram{}).Quantile(0.5).OK || NewLatencyHistogram([]float64{1}).Quantile(0.5).OK {
		t.Fatal("no requests, no percentile")
	}
}

func TestMergedHistogramPercentileIsNotTheMeanOfPercentiles(t *testing.T) {
	// A quiet slow minute and a busy fast one: the window's p95 follows the
	// requests, while the mean of the two minutes' p95s would not.
	bounds := []float64{10, 20, 50, 100, 200, 500, 1000}
	busyFast, quietSlow := NewLatencyHistogram(bounds), NewLatencyHistogram(bounds)
	busyFast.Counts[1] = 1000 // all in (10, 20]
	quietSlow.Counts[5] = 10  // all in (200, 500]
	merged, err := MergeServing(ServingSummary{Minutes: 1, Requests: 1000, Latency: busyFast}, ServingSummary{Minutes: 1, Requests: 10, Latency: quietSlow})
	if err != nil {
		t.Fatal(err)
	}
	w := SummarizeServing(merged)
	if w.LatencyKind != LatencyFromHistogram || w.LatencyP95Ms.Value > 20 {
		t.Fatalf("99%% of requests took ≤ 20 ms, so p95 ≤ 20 ms: got %+v", w.LatencyP95Ms)
	}
	if w.LatencyP99Ms.Value <= w.LatencyP95Ms.Value || w.LatencyP50Ms.Value > w.LatencyP95Ms.Value {
		t.Fatalf("percentiles must be ordered: %+v", w)
	}
	if math.Abs(w.Throughput.Value-1010.0/120) > 1e-12 {
		t.Fatalf("throughput is requests per elapsed second: got %+v", w.Throughput)
	}
}

func TestHistogramsWithDifferentBucketsDoNotMerge(t *testing.T) {
	a, b := NewLatencyHistogram([]float64{1, 2}), NewLatencyHistogram([]float64{1, 3})
	if err := a.Merge(b); err == nil {
		t.Fatal("different buckets must not be added")
	}
}

func TestMeanOnlyLatencyIsLabelledAMean(t *testing.T) {
	w := SummarizeServing(ServingSummary{Minutes: 1, Requests: 4, LatencySumMs: 400, LatencyCount: 4})
	if w.LatencyKind != LatencyMean || w.LatencyMeanMs.Value != 100 || w.LatencyP95Ms.OK {
		t.Fatalf("sum/count gives a mean and no percentile: %+v", w)
	}
}

func TestAvailabilityIsUndefinedWithoutProbes(t *testing.T) {
	if w := SummarizeServing(ServingSummary{Minutes: 10, Requests: 5}); w.Availability.OK {
		t.Fatalf("nothing probed the model: availability must be undefined, got %+v", w.Availability)
	}
	w := SummarizeServing(ServingSummary{Minutes: 10, UpMinutes: 9, DownMinutes: 1})
	if w.Availability.Value != 0.9 || w.DowntimeMinutes != 1 {
		t.Fatalf("9 of 10 probed minutes up: %+v", w)
	}
}

func TestErrorRateLeavesOutRequestsWhoseFailuresAreNotCounted(t *testing.T) {
	// A runtime without a failure counter (vLLM) served 100 requests beside
	// one that counted 2 failures in 100: the rate is 2%, not 1%.
	s, err := MergeServing(ServingSummary{Minutes: 1, Requests: 100, Errors: 2}, ServingSummary{Minutes: 1, Requests: 100, ErrorsUncounted: 100})
	if err != nil {
		t.Fatal(err)
	}
	if got := SummarizeServing(s).ErrorRate; !got.OK || got.Value != 0.02 {
		t.Fatalf("error rate = %+v, want 0.02 over the counted requests", got)
	}
	if got := SummarizeServing(ServingSummary{Minutes: 1, Requests: 50, ErrorsUncounted: 50}).ErrorRate; got.OK {
		t.Fatalf("nothing counted failures: the error rate is undefined, got %+v", got)
	}
	if got := BurnRate(ServingSummary{Requests: 50, ErrorsUncounted: 50}, 0.995); got.OK {
		t.Fatalf("nothing counted failures: the burn rate is undefined, got %+v", got)
	}
}

func TestLLMMetricsAreUndefinedWhereNotMeasuredAndMergeByAddition(t *testing.T) {
	if w := SummarizeLLM(ServingSummary{Minutes: 1, Requests: 10}); w.TokensInPerSec.OK || w.TimeToFirstTokenMs.P95.OK || w.KVCacheMean.OK {
		t.Fatalf("a runtime without token telemetry has undefined LLM metrics, got %+v", w)
	}
	bounds := []float64{100, 200, 400}
	a, b := ServingSummary{Requests: 10}, ServingSummary{Requests: 30}
	a.LLM = LLMServing{TokenMinutes: 1, TokensIn: 600, TokensOut: 120, TimeToFirstToken: NewLatencyHistogram(bounds)}
	b.LLM = LLMServing{TokenMinutes: 1, TokensIn: 600, TokensOut: 240, TimeToFirstToken: NewLatencyHistogram(bounds)}
	a.LLM.TimeToFirstToken.Counts[0] = 10
	b.LLM.TimeToFirstToken.Counts[2] = 30
	a.LLM.KVCache.Add(0.2, 1)
	b.LLM.KVCache.Add(0.6, 1)
	s, err := MergeServing(a, b)
	if err != nil {
		t.Fatal(err)
	}
	w := SummarizeLLM(s)
	if w.TokensInPerSec.Value != 10 || w.TokensOutPerSec.Value != 3 || w.TokensOutPerRequest.Value != 9 {
		t.Fatalf("token rates over 2 minutes = %+v", w)
	}
	// rank 0.5·40 = 20 falls in (200, 400] after 10 below: 200 + 200·10/30.
	if got := w.TimeToFirstTokenMs.P50; math.Abs(got.Value-200-200.0/3) > 1e-9 {
		t.Fatalf("TTFT p50 from merged buckets = %+v", got)
	}
	if w.KVCacheMean.Value != 0.4 || w.KVCachePeak.Value != 0.6 {
		t.Fatalf("KV cache mean/peak = %+v/%+v", w.KVCacheMean, w.KVCachePeak)
	}
}
