package prometheus

import (
	"context"
	"math"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/aiperf/monitor/pkg/sources"
)

var mlserverNames = []string{"model_infer_request_success_total", "model_infer_request_failure_total",
	"model_infer_request_duration_sum", "model_infer_request_duration_count", "rest_server_requests_in_progress"}

func TestWindowsOfOneLengthTakeOneQueryPerSeries(t *testing.T) {
	now := time.Date(2026, 11, 2, 12, 0, 0, 0, time.UTC)
	fake := &fakeProm{names: mlserverNames, answer: func(q string, at time.Time) (float64, bool) {
		switch {
		case strings.Contains(q, "up{"):
			return 60, true // sum_over_time = count_over_time: always up
		case strings.HasPrefix(q, "sum(increase(model_infer_request_failure_total"):
			return 6, true
		case strings.HasPrefix(q, "sum(increase(model_infer_request_success_total"):
			return 66, true // success + failure, one expression
		}
		return 60, true
	}}
	srv := fake.server(t)
	c := open(t, settingsFor(srv.URL, ""), nil, now)
	// What the cache asks for a day ending at noon: 11 whole hours, then
	// twelve 5-minute blocks of the last hour (one query per length).
	var windows []sources.Window
	for h := 0; h < 11; h++ {
		from := now.Add(-12*time.Hour + time.Duration(h)*time.Hour)
		windows = append(windows, sources.Window{From: from, To: from.Add(time.Hour)})
	}
	for m := 0; m < 12; m++ {
		from := now.Add(-time.Hour + time.Duration(m)*5*time.Minute)
		windows = append(windows, sources.Window{From: from, To: from.Add(5 * time.Minute)})
	}
	out, err := c.Serving(t.Context(), "iris", windows)
	if err != nil {
		t.Fatal(err)
	}
	// requests (success + failure), errors, latency sum and count, up and scrapes: 6 series × 2 lengths.
	if len(fake.ranges) != 12 {
		t.Fatalf("%d query_range calls for 23 windows of 2 lengths, want 12 (6 series × 2 lengths): %+v", len(fake.ranges), fake.ranges)
	}
	for _, r := range fake.ranges {
		if r.step != 3600 && r.step != 300 {
			t.Errorf("step %v: the step must be the window's length", r.step)
		}
	}
	first := out[0]
	if first.Minutes != 60 || first.Requests != 66 || first.Errors != 6 || first.ErrorsUncounted != 0 {
		t.Errorf("first hour: %+v", first)
	}
	if first.LatencyCount != 60 || first.LatencySumMs != 60000 || first.Latency.Total() != 0 {
		t.Errorf("MLServer latency is a mean from its Summary (seconds → ms): %+v", first)
	}
	if first.UpMinutes != 60 || first.DownMinutes != 0 {
		t.Errorf("availability from up: %+v", first)
	}
}

func TestWindowsEndingAfterNowAreClippedAndEmptyOnesUnmeasured(t *testing.T) {
	now := time.Date(2026, 11, 2, 12, 0, 30, 0, time.UTC)
	fake := &fakeProm{names: mlserverNames, answer: func(q string, at time.Time) (float64, bool) {
		return 1, at.Equal(now)
	}}
	c := open(t, settingsFor(fake.server(t).URL, ""), nil, now)
	out, err := c.Serving(t.Context(), "iris", []sources.Window{
		{From: now.Add(-30 * time.Second), To: now.Add(30 * time.Second)}, // open: read up to now
		{From: now.Add(time.Minute), To: now.Add(2 * time.Minute)},        // future: unmeasured
	})
	if err != nil {
		t.Fatal(err)
	}
	if out[0].Minutes != 0.5 || out[1].Minutes != 0 || out[1].Requests != 0 {
		t.Fatalf("open window %+v, future window %+v", out[0], out[1])
	}
}

func TestAModelNothingMeasuresIsUndefinedNotZero(t *testing.T) {
	now := time.Date(2026, 11, 2, 12, 0, 0, 0, time.UTC)
	fake := &fakeProm{answer: func(string, time.Time) (float64, bool) { return 1, true }}
	c := open(t, settingsFor(fake.server(t).URL, ""), nil, now)
	out, err := c.Serving(t.Context(), "unknown", []sources.Window{{From: now.Add(-time.Hour), To: now}})
	if err != nil {
		t.Fatal(err)
	}
	if out[0].Minutes != 0 || len(fake.ranges) != 0 {
		t.Fatalf("no runtime metrics: no queries and an unmeasured window, got %+v after %d queries", out[0], len(fake.ranges))
	}
}

func TestARuntimeWithoutAFailureCounterLeavesErrorsUncounted(t *testing.T) {
	now := time.Date(2026, 11, 2, 12, 0, 0, 0, time.UTC)
	fake := &fakeProm{names: []string{"vllm:num_requests_running", "vllm:request_success_total", "vllm:prompt_tokens_total",
		"vllm:generation_tokens_total", "vllm:gpu_cache_usage_perc", "vllm:time_to_first_token_seconds_bucket"},
		answer: func(q string, at time.Time) (float64, bool) {
			switch {
			case strings.Contains(q, "prompt_tokens"):
				return 6000, true
			case strings.Contains(q, "generation_tokens"):
				return 1200, true
			case strings.Contains(q, "gpu_cache_usage_perc"):
				return 0.5, true
			}
			return 10, true
		},
		buckets: map[string]float64{"0.1": 4, "0.25": 10, "+Inf": 10}}
	c := open(t, settingsFor(fake.server(t).URL, `,"models":[{"id":"llama","name":"meta-llama/Llama-3.1-8B"}]`), nil, now)
	out, err := c.Serving(t.Context(), "llama", []sources.Window{{From: now.Add(-time.Minute), To: now}})
	if err != nil {
		t.Fatal(err)
	}
	s := out[0]
	if s.ErrorsUncounted != s.Requests || s.Requests != 10 {
		t.Errorf("vLLM counts no failures: every request is uncounted, got %+v", s)
	}
	if s.LLM.TokensIn != 6000 || s.LLM.TokensOut != 1200 || s.LLM.TokenMinutes != 1 {
		t.Errorf("tokens: %+v", s.LLM)
	}
	if s.LLM.KVCache.Mean().Value != 0.5 || s.LLM.KVCache.Minutes != 1 {
		t.Errorf("KV cache from the old gauge name: %+v", s.LLM.KVCache)
	}
	ttft := s.LLM.TimeToFirstToken
	if len(ttft.Bounds) != 3 || ttft.Bounds[0] != 100 || ttft.Counts[0] != 4 || ttft.Counts[1] != 6 || !math.IsInf(ttft.Bounds[2], 1) {
		t.Errorf("TTFT buckets in ms, per bucket: %+v", ttft)
	}
	for _, r := range fake.ranges {
		if strings.Contains(r.query, "vllm:") && !strings.Contains(r.query, `model_name="meta-llama/Llama-3.1-8B"`) {
			t.Errorf("query without the model's label: %s", r.query)
		}
	}
}

func TestCustomQueriesReplaceTheCatalogWithTheModelsFilter(t *testing.T) {
	now := time.Date(2026, 11, 2, 12, 0, 0, 0, time.UTC)
	fake := &fakeProm{names: mlserverNames, answer: func(string, time.Time) (float64, bool) { return 2, true },
		buckets: map[string]float64{"0.005": 10, "+Inf": 12}}
	custom := `,"models":[{"id":"iris","namespace":"prod"}],"customQueries":[{"series":"latency","expr":"sum by (le) (increase(rest_bucket{${filter}}[${window}]))","scale":1000}]`
	c := open(t, settingsFor(fake.server(t).URL, custom), nil, now)
	out, err := c.Serving(t.Context(), "iris", []sources.Window{{From: now.Add(-5 * time.Minute), To: now}})
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, r := range fake.ranges {
		if strings.HasPrefix(r.query, "sum by (le) (increase(rest_bucket{") {
			found = true
			if r.query != `sum by (le) (increase(rest_bucket{model="iris",namespace="prod"}[300s]))` {
				t.Errorf("custom query filled as %s", r.query)
			}
		}
	}
	if !found || out[0].Latency.Total() != 12 || out[0].Latency.Bounds[0] != 5 {
		t.Fatalf("custom latency histogram: found %v, %+v", found, out[0].Latency)
	}
}

func TestAServerWideFailureCounterWithoutASelectorCountsNothing(t *testing.T) {
	// TorchServe counts 5xx per host, not per model: without a selector
	// naming the model's host its failures are not this model's.
	now := time.Date(2026, 11, 2, 12, 0, 0, 0, time.UTC)
	fake := &fakeProm{names: []string{"ts_inference_requests_total", "Requests5XX"}, answer: func(string, time.Time) (float64, bool) { return 5, true }}
	c := open(t, settingsFor(fake.server(t).URL, `,"models":[{"id":"densenet161"}]`), nil, now)
	out, err := c.Serving(t.Context(), "densenet161", []sources.Window{{From: now.Add(-time.Minute), To: now}})
	if err != nil {
		t.Fatal(err)
	}
	if out[0].Requests != 5 || out[0].ErrorsUncounted != 5 || out[0].Errors != 0 {
		t.Fatalf("failures must be uncounted, not zero: %+v", out[0])
	}
}

func TestACancelledQueryStopsPromptly(t *testing.T) {
	now := time.Date(2026, 11, 2, 12, 0, 0, 0, time.UTC)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-time.After(10 * time.Second):
		case <-r.Context().Done():
		}
	}))
	defer srv.Close()
	c := open(t, settingsFor(srv.URL, ""), nil, now)
	ctx, cancel := context.WithTimeout(t.Context(), 50*time.Millisecond)
	defer cancel()
	start := time.Now()
	_, err := c.Serving(ctx, "iris", []sources.Window{{From: now.Add(-time.Hour), To: now}})
	if err == nil || time.Since(start) > 150*time.Millisecond {
		t.Fatalf("cancelled after 50 ms: returned %v after %s", err, time.Since(start))
	}
}

func TestAvailabilityCreditsOnlyTheMinutesTheTargetWasScraped(t *testing.T) {
	// Scraped every 5 s (120 scrapes in 10 min), the target existed for the
	// last 2 minutes of the hour (24 scrapes), up in half of them.
	now := time.Date(2026, 11, 2, 12, 0, 0, 0, time.UTC)
	fake := &fakeProm{names: mlserverNames, instant: "120", answer: func(q string, at time.Time) (float64, bool) {
		switch {
		case strings.HasPrefix(q, "sum(sum_over_time(up"):
			return 12, true
		case strings.HasPrefix(q, "sum(count_over_time(up"):
			return 24, true
		}
		return 1, true
	}}
	c := open(t, settingsFor(fake.server(t).URL, ""), nil, now)
	out, err := c.Serving(t.Context(), "iris", []sources.Window{{From: now.Add(-time.Hour), To: now}})
	if err != nil {
		t.Fatal(err)
	}
	if out[0].UpMinutes != 1 || out[0].DownMinutes != 1 {
		t.Fatalf("up %v and down %v minutes, want 1 and 1 (not 30 and 30)", out[0].UpMinutes, out[0].DownMinutes)
	}
}
