package monitor

import (
	"reflect"
	"testing"
	"time"

	"github.com/aiperf/monitor/pkg/engine"
)

// demoSummaries are a model's window summaries over the last span, from
// the demo behind its cache, as queries read them.
func demoSummaries(t *testing.T, s *demoSetup, model string, span, step time.Duration) []*engine.Summary {
	t.Helper()
	md, err := s.request(t, map[string]any{"queryType": "drift", "model": model}, span, step).loadModel(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	return md.summaries
}

// A kept total must be the one merging every window gives, to the bit, on
// the first call and on every later one, and never be shared with a caller.
func TestFoldsGiveTheTotalsOfMergingEveryWindow(t *testing.T) {
	s := newDemoSetup(t, testNow.Add(17*time.Minute))
	folds := NewFolds()
	for _, model := range []string{"risk-assessment", "recommendation-ai", "demand-forecast"} {
		for _, span := range []time.Duration{6 * time.Hour, 7 * day, 30 * day} {
			summaries := demoSummaries(t, s, model, span, span/100)
			want, err := engine.MergeAll(summaries...)
			if err != nil {
				t.Fatal(err)
			}
			for call := range 3 {
				got, err := folds.total(summaries)
				if err != nil {
					t.Fatal(err)
				}
				if !reflect.DeepEqual(got, want) {
					t.Fatalf("%s over %s, call %d: the total differs from merging every window", model, span, call)
				}
				got.Rows = -1 // a caller's changes must not reach the kept total
			}
		}
	}
	if n := folds.kept.Len(); n != 9 {
		t.Fatalf("%d totals kept for 9 ranges merged three times each", n)
	}
}

// A run merged once is not kept: one with a window read afresh each time
// never comes again.
func TestFoldsKeepARunMergedTwice(t *testing.T) {
	s := newDemoSetup(t, testNow)
	summaries := demoSummaries(t, s, "demand-forecast", 7*day, 2*time.Hour)
	folds := NewFolds()
	for merged := 1; merged <= 3; merged++ {
		if _, err := folds.total(summaries); err != nil {
			t.Fatal(err)
		}
		if want := min(merged-1, 1); folds.kept.Len() != want {
			t.Fatalf("after %d merges %d totals kept, want %d", merged, folds.kept.Len(), want)
		}
	}
}

// A run is recognised by its summaries' identity: an equal copy of one of
// them is another run, and a nil Folds merges every time.
func TestFoldsTellRunsApartByTheirSummaries(t *testing.T) {
	s := newDemoSetup(t, testNow)
	summaries := demoSummaries(t, s, "fraud-detection", 7*day, 2*time.Hour)
	folds := NewFolds()
	copied := append([]*engine.Summary{summaries[0].Clone()}, summaries[1:]...)
	var got *engine.Summary
	for range 2 {
		if _, err := folds.total(summaries); err != nil {
			t.Fatal(err)
		}
		var err error
		if got, err = folds.total(copied); err != nil {
			t.Fatal(err)
		}
	}
	if n := folds.kept.Len(); n != 2 {
		t.Fatalf("%d totals kept, want one per run", n)
	}
	var none *Folds
	want, err := none.total(summaries)
	if err != nil || !reflect.DeepEqual(got, want) {
		t.Fatalf("equal runs gave different totals (%v)", err)
	}
}
