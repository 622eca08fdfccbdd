package demo

import (
	"context"
	"errors"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/aiperf/monitor/pkg/engine"
	"github.com/aiperf/monitor/pkg/sources"
)

func hourlyWindows(from time.Time, hours int) []sources.Window {
	windows := make([]sources.Window, hours)
	for i := range windows {
		start := from.Add(time.Duration(i) * time.Hour)
		windows[i] = sources.Window{From: start, To: start.Add(time.Hour)}
	}
	return windows
}

func TestSchemaIsACopy(t *testing.T) {
	f := newTestFleet()
	s, err := f.Schema(context.Background(), RiskAssessment)
	if err != nil || s.Task != engine.TaskBinary || len(s.Sensitive) != 2 {
		t.Fatalf("schema %+v, error %v", s, err)
	}
	s.Sensitive[0] = "changed"
	if again, _ := f.Schema(context.Background(), RiskAssessment); again.Sensitive[0] != "gender" {
		t.Error("Schema shares its slices with callers")
	}
}

func TestBaselineIsSharedAndWindowed(t *testing.T) {
	f := newTestFleet()
	w := f.BaselineWindow()
	if !w.To.Equal(testAnchor.Add(-30*oneDay)) || w.To.Sub(w.From) != 14*oneDay {
		t.Fatalf("baseline window %v..%v, want the 14 days ending 30 days before the anchor", w.From, w.To)
	}
	var wg sync.WaitGroup
	got := make([]*engine.Baseline, 4)
	for i := range got {
		wg.Go(func() {
			b, err := f.Baseline(context.Background(), FraudDetection)
			if err != nil {
				t.Error(err)
			}
			got[i] = b
		})
	}
	wg.Wait()
	for _, b := range got {
		if b == nil || b != got[0] {
			t.Fatal("concurrent Baseline calls built different baselines")
		}
	}
}

func TestSummariesCacheClosedWindowsOnly(t *testing.T) {
	f := newTestFleet()
	ctx := context.Background()
	closed := sources.Window{From: testAnchor.Add(-5 * oneDay), To: testAnchor.Add(-4 * oneDay)}
	open := sources.Window{From: testNow.Add(-2 * time.Hour), To: testNow} // labels still arriving
	first, err := f.Summaries(ctx, RecommendationAI, nil, []sources.Window{closed, open})
	if err != nil {
		t.Fatal(err)
	}
	second, err := f.Summaries(ctx, RecommendationAI, nil, []sources.Window{closed, open})
	if err != nil {
		t.Fatal(err)
	}
	if first[0] != second[0] {
		t.Error("the closed window was summarised twice")
	}
	if first[1] == second[1] {
		t.Error("the open window was served from the cache")
	}
	if n := f.summaries.len(); n != 1 {
		t.Errorf("cache holds %d summaries, want 1", n)
	}
}

func TestSummaryCacheIsBounded(t *testing.T) {
	c := newSummaryCache(2)
	keys := []summaryKey{{model: "a"}, {model: "b"}, {model: "c"}}
	for _, k := range keys {
		c.put(k, &engine.Summary{})
	}
	if _, ok := c.get(keys[0]); ok || c.len() != 2 {
		t.Fatalf("cache of size 2 holds %d entries after 3 puts, oldest present: %v", c.len(), ok)
	}
	if _, ok := c.get(keys[2]); !ok {
		t.Fatal("newest entry evicted")
	}
}

func TestSummariesErrors(t *testing.T) {
	f := newTestFleet()
	ctx := context.Background()
	if _, err := f.Summaries(ctx, "nope", nil, hourlyWindows(testAnchor.Add(-oneDay), 1)); err == nil || !strings.Contains(err.Error(), "valid model ids") {
		t.Errorf("unknown model: %v", err)
	}
	reversed := []sources.Window{{From: testAnchor, To: testAnchor.Add(-time.Hour)}}
	if _, err := f.Summaries(ctx, RiskAssessment, nil, reversed); err == nil || !strings.Contains(err.Error(), "window 0") {
		t.Errorf("reversed window: %v", err)
	}
	if _, err := f.Baseline(ctx, "nope"); err == nil {
		t.Error("Baseline of an unknown model: want an error")
	}
}

func TestSummariesHonourCancellation(t *testing.T) {
	f := newTestFleet()
	b, err := f.Baseline(context.Background(), RiskAssessment)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := f.Summaries(ctx, RiskAssessment, b, hourlyWindows(testAnchor.Add(-oneDay), 24)); !errors.Is(err, context.Canceled) {
		t.Errorf("Summaries on a cancelled context: %v", err)
	}
	if _, err := New(Options{Now: func() time.Time { return testNow }}).Baseline(ctx, RiskAssessment); !errors.Is(err, context.Canceled) {
		t.Errorf("Baseline on a cancelled context: %v", err)
	}
}

func BenchmarkSummaries30DaysHourly(b *testing.B) {
	ctx := context.Background()
	windows := hourlyWindows(testAnchor.Add(-30*oneDay), 30*24)
	f := newTestFleet()
	baseline, err := f.Baseline(ctx, RiskAssessment)
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		// A fresh fleet each time measures generation, not the cache.
		if _, err := New(Options{Now: func() time.Time { return testNow }}).Summaries(ctx, RiskAssessment, baseline, windows); err != nil {
			b.Fatal(err)
		}
	}
}
