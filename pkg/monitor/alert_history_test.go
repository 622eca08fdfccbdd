package monitor

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/aiperf/monitor/pkg/catalog"
	"github.com/aiperf/monitor/pkg/engine"
	"github.com/aiperf/monitor/pkg/sources/demo"
)

func hourly(n int) []time.Time {
	ends := make([]time.Time, n)
	for i := range ends {
		ends[i] = testNow.Add(time.Duration(i-n+1) * time.Hour)
	}
	return ends
}

func TestFiringsWaitForThePendingPeriod(t *testing.T) {
	ends := hourly(8)
	tl := &timeline{holds: []bool{false, true, false, true, true, false, true, true}, details: make([]string, 8)}
	got := firingsOf(tl, ends, 90*time.Minute)
	// run 1 holds [1,2): 1 h, shorter than the pending period; run 2 holds
	// [3,5): 2 h, fires 90 min in; run 3 still holds at the last evaluation,
	// which is only 1 h after it began.
	if len(got) != 1 || !got[0].start.Equal(ends[3].Add(90*time.Minute)) || !got[0].end.Equal(ends[5]) {
		t.Fatalf("firings %+v", got)
	}
	got = firingsOf(tl, ends, 0)
	if len(got) != 3 || !got[2].end.IsZero() {
		t.Fatalf("without pending: %+v, want three firings, the last still open", got)
	}
}

func TestAlertStatsCountFlapsAndTimeToResolve(t *testing.T) {
	ends := hourly(10)
	tl := &timeline{holds: []bool{true, false, true, false, false, false, true, true, true, true}, details: make([]string, 10)}
	fired := firingsOf(tl, ends, 0)
	rule, _ := engine.RuleByID("latencySla")
	st := statsOf(rule, catalog.Model{ID: "m"}, fired, Range{From: ends[0], To: ends[9], Now: ends[9]})
	if st.Firings != 3 || st.Flaps != 1 || !st.FiringNow {
		t.Fatalf("stats %+v, want 3 firings, 1 flap (re-fired an hour after resolving), still firing", st)
	}
	if !st.MTTRMinutes.OK || st.MTTRMinutes.Value != 60 {
		t.Errorf("time to resolve %+v, want 60 min (both resolved firings lasted an hour)", st.MTTRMinutes)
	}
	if st.Escalations != 3 {
		t.Errorf("escalations %d, want every firing that lasted 30 min", st.Escalations)
	}
}

// The history evaluates the same rules as the pager: on the demo week
// risk-assessment's drop and fairness rules fire and are still firing.
func TestAlertHistoryOnTheDemo(t *testing.T) {
	fs, err := newDemoSetup(t, fleetTestNow).answer(t, map[string]any{"queryType": "alertHistory"}, 7*day, time.Hour)
	if err != nil {
		t.Fatal(err)
	}
	freq, list := frameNamed(t, fs, "alertFrequency"), frameNamed(t, fs, "alertFirings")
	rules, models := stringsOf(t, freq, "rule"), stringsOf(t, freq, "model")
	now, _ := freq.FieldByName("firingNow")
	firing := map[string]bool{}
	for i := range rules {
		if models[i] == demo.RiskAssessment {
			firing[rules[i]] = now.At(i).(bool)
		}
		if rules[i] == "configurationDrift" {
			t.Errorf("configuration drift has no history: a registry keeps no past versions")
		}
	}
	if !firing["qualityDropHigh"] || !firing["fairness"] {
		t.Errorf("risk-assessment firing now: %v, want qualityDropHigh and fairness", firing)
	}
	if list.Rows() == 0 || len(fieldValues(t, freq, "firings")) != freq.Rows() {
		t.Fatalf("%d firings listed, counts %v", list.Rows(), fieldValues(t, freq, "firings"))
	}
	started, _ := list.FieldByName("started")
	for i := 1; i < list.Rows(); i++ {
		if started.At(i).(time.Time).Before(started.At(i - 1).(time.Time)) {
			t.Fatal("firings are listed oldest first, for annotations")
		}
	}
}

// A cancelled history stops between evaluations instead of finishing the range.
func TestAlertHistoryStopsWhenCancelled(t *testing.T) {
	s := newDemoSetup(t, fleetTestNow)
	r := s.request(t, map[string]any{"queryType": "alertHistory", "model": demo.RiskAssessment}, 7*day, time.Hour)
	if _, err := Answer(t.Context(), r); err != nil { // warm the caches: only the evaluation is left to cancel
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(t.Context())
	cancel()
	start := time.Now()
	if _, err := Answer(ctx, r); !errors.Is(err, context.Canceled) {
		t.Fatalf("err %v, want context.Canceled", err)
	}
	if d := time.Since(start); d > 100*time.Millisecond {
		t.Errorf("stopped after %v, want under 100 ms", d)
	}
}
