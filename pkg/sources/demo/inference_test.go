package demo

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/aiperf/monitor/pkg/catalog"
	"github.com/aiperf/monitor/pkg/engine"
	"github.com/aiperf/monitor/pkg/fault"
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

func TestCatalogDeclaresTheBaselineWindow(t *testing.T) {
	models, err := newTestFleet().Models(context.Background())
	if err != nil || len(models) != 5 {
		t.Fatalf("models %v, error %v", models, err)
	}
	want := testAnchor.Add(-30 * oneDay).Format(time.DateOnly)
	for _, m := range models {
		if m.BaselineEnd != want || m.BaselineDays != catalog.DefaultBaselineDays {
			t.Fatalf("%s: baseline %d days ending %s, want the default %d days ending %s, before any scripted drift", m.ID, m.BaselineDays, m.BaselineEnd, catalog.DefaultBaselineDays, want)
		}
	}
}

func TestBaselineProfilesTheReferenceWindow(t *testing.T) {
	f := newTestFleet()
	w := baselineWindow(testAnchor)
	b, err := f.Baseline(context.Background(), FraudDetection, w)
	if err != nil {
		t.Fatal(err)
	}
	if want := int64(len(collectRows(t, f, FraudDetection, w.From, w.To))); b.Summary.Rows != want {
		t.Fatalf("the baseline summarises %d rows, the window holds %d", b.Summary.Rows, want)
	}
}

func TestLastPrediction(t *testing.T) {
	f := newTestFleet()
	last, ok, err := f.LastPrediction(context.Background(), RiskAssessment, testNow.Add(time.Hour))
	if err != nil || !ok || last.After(testNow) || testNow.Sub(last) > 5*time.Minute {
		t.Fatalf("latest prediction %s (ok %v, err %v); want one in the minutes before now %s", last, ok, err, testNow)
	}
	rows := collectRows(t, f, RiskAssessment, testNow.Add(-time.Hour), testNow)
	if !last.Equal(rows[len(rows)-1].ts) {
		t.Fatalf("latest prediction %s, the last row is at %s", last, rows[len(rows)-1].ts)
	}
	if _, ok, _ := f.LastPrediction(context.Background(), RiskAssessment, historyStart(testAnchor).Add(-oneDay)); ok {
		t.Fatal("before the history there is no prediction")
	}
}

func TestSummariesErrors(t *testing.T) {
	f := newTestFleet()
	ctx := context.Background()
	b, err := f.Baseline(ctx, RiskAssessment, baselineWindow(testAnchor))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.Summaries(ctx, "nope", b, hourlyWindows(testAnchor.Add(-oneDay), 1)); err == nil || !fault.IsUser(err) || !strings.Contains(err.Error(), "it simulates risk-assessment") {
		t.Errorf("unknown model: want a user error listing the demo models, got %v", err)
	}
	reversed := []sources.Window{{From: testAnchor, To: testAnchor.Add(-time.Hour)}}
	if _, err := f.Summaries(ctx, RiskAssessment, b, reversed); err == nil || !strings.Contains(err.Error(), "window 0") {
		t.Errorf("reversed window: %v", err)
	}
	if _, err := f.Baseline(ctx, "nope", baselineWindow(testAnchor)); err == nil {
		t.Error("Baseline of an unknown model: want an error")
	}
}

func TestSummariesHonourCancellation(t *testing.T) {
	f := newTestFleet()
	b, err := f.Baseline(context.Background(), RiskAssessment, baselineWindow(testAnchor))
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := f.Summaries(ctx, RiskAssessment, b, hourlyWindows(testAnchor.Add(-oneDay), 24)); !errors.Is(err, context.Canceled) {
		t.Errorf("Summaries on a cancelled context: %v", err)
	}
	if _, err := f.Baseline(ctx, RiskAssessment, baselineWindow(testAnchor)); !errors.Is(err, context.Canceled) {
		t.Errorf("Baseline on a cancelled context: %v", err)
	}
}

func BenchmarkSummaries30DaysHourly(b *testing.B) {
	ctx := context.Background()
	windows := hourlyWindows(testAnchor.Add(-30*oneDay), 30*24)
	f := newTestFleet()
	baseline, err := f.Baseline(ctx, RiskAssessment, baselineWindow(testAnchor))
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		if _, err := f.Summaries(ctx, RiskAssessment, baseline, windows); err != nil {
			b.Fatal(err)
		}
	}
}
