package demo

import (
	"context"
	"testing"
	"time"

	"github.com/aiperf/monitor/pkg/sources"
)

// The audit counts are the rows the inference logs hold, window by window,
// including windows clipped inside an hour and the one still open at now.
func TestAuditTrailCountsTheLoggedRows(t *testing.T) {
	f := newTestFleet()
	windows := []sources.Window{
		{From: testNow.Add(-30 * time.Hour), To: testNow.Add(-6 * time.Hour)},
		{From: testNow.Add(-5*time.Hour - 17*time.Minute), To: testNow.Add(-2*time.Hour + 11*time.Minute)},
		{From: testNow.Add(-time.Hour), To: testNow.Add(time.Hour)},
	}
	for _, model := range []string{RiskAssessment, CustomerAIAssistant} {
		counts, err := f.AuditTrail(context.Background(), model, windows)
		if err != nil {
			t.Fatal(err)
		}
		for i, w := range windows {
			rows := int64(len(collectRows(t, f, model, w.From, w.To)))
			c := counts[i]
			if c.Predictions != rows {
				t.Errorf("%s window %d: %d predictions counted, %d rows logged", model, i, c.Predictions, rows)
			}
			share := float64(c.MissingInputs) / float64(c.Predictions)
			if model == RiskAssessment && (c.Complete != c.Predictions || c.MissingInputs != 0) {
				t.Errorf("risk-assessment window %d: %+v, want every row complete", i, c)
			}
			if model == CustomerAIAssistant && (share < 0.005 || share > 0.035 || c.Complete != c.Predictions-c.MissingInputs) {
				t.Errorf("assistant window %d: %+v (%.3f without inputs), want 1–3%%", i, c, share)
			}
		}
	}
}

// Recommendation AI's release 3.2.0 replaces 3.1.0 over the rollout; the
// others serve one version, the registry's production one.
func TestServedVersionsFollowTheRelease(t *testing.T) {
	f := newTestFleet()
	onset := latencyOnset(testAnchor)
	windows := []sources.Window{
		{From: onset.Add(-2 * time.Hour), To: onset},
		{From: onset, To: onset.Add(latencyRollout)},
		{From: onset.Add(latencyRollout), To: onset.Add(latencyRollout + time.Hour)},
	}
	served, err := f.ServedVersions(context.Background(), RecommendationAI, windows)
	if err != nil {
		t.Fatal(err)
	}
	if len(served[0]) != 1 || served[0][0].Version != "3.1.0" {
		t.Errorf("before the release: %+v, want 3.1.0 alone", served[0])
	}
	if len(served[1]) != 2 || served[1][0].Version != "3.1.0" || served[1][1].Version != "3.2.0" {
		t.Errorf("during the rollout: %+v, want both", served[1])
	}
	if len(served[2]) != 1 || served[2][0].Version != "3.2.0" {
		t.Errorf("after the rollout: %+v, want 3.2.0 alone", served[2])
	}
	models, err := f.Models(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range models {
		if m.Registry == nil || m.Registry.ProductionVersion != m.Version {
			t.Errorf("%s: registry %+v, want its production version %s", m.ID, m.Registry, m.Version)
		}
	}
	if rec := models[2].Registry; rec.ProductionSince.After(onset) || rec.ProductionSince.Before(onset.Add(-oneDay)) {
		t.Errorf("3.2.0 registered %s, want shortly before its rollout at %s", rec.ProductionSince, onset)
	}
}

func TestRetentionCountsRowsPastTheCutoff(t *testing.T) {
	f := newTestFleet()
	cutoff := historyStart(testAnchor).Add(48 * time.Hour)
	facts, err := f.Retention(context.Background(), CustomerAIAssistant, cutoff)
	if err != nil {
		t.Fatal(err)
	}
	older := int64(len(collectRows(t, f, CustomerAIAssistant, historyStart(testAnchor), cutoff)))
	if facts.RowsOlder != older || !facts.Oldest.Equal(historyStart(testAnchor)) || facts.Rows <= older {
		t.Errorf("retention %+v, want %d rows older than the cutoff and the history's start as the oldest", facts, older)
	}
	if facts, _ := f.Retention(context.Background(), CustomerAIAssistant, historyStart(testAnchor)); facts.RowsOlder != 0 {
		t.Errorf("a cutoff at the history's start leaves %d rows older", facts.RowsOlder)
	}
}

// Whole days are counted from kept totals: the facts must be those of
// counting every row, with a cutoff inside an hour and asked twice.
func TestRetentionAddsUpEveryRow(t *testing.T) {
	f := newTestFleet()
	start := historyStart(testAnchor)
	cutoff := start.Add(3*oneDay + 7*time.Hour + 13*time.Minute)
	var rows int64
	p, _ := lookup(FraudDetection)
	if err := f.eachBucket(context.Background(), p, sources.Window{From: start, To: testNow}, func(_ time.Time, n int64) { rows += n }); err != nil {
		t.Fatal(err)
	}
	older := int64(len(collectRows(t, f, FraudDetection, start, cutoff)))
	for range 2 {
		facts, err := f.Retention(context.Background(), FraudDetection, cutoff)
		if err != nil {
			t.Fatal(err)
		}
		if facts.Rows != rows || facts.RowsOlder != older || !facts.Oldest.Equal(start) {
			t.Fatalf("retention %+v, want %d rows, %d older than the cutoff, the oldest at %s", facts, rows, older, start)
		}
	}
}

func TestAccessCountsAreShareOfRequests(t *testing.T) {
	f := newTestFleet()
	w := []sources.Window{{From: testNow.Add(-24 * time.Hour), To: testNow}}
	access, err := f.Access(context.Background(), FraudDetection, w)
	if err != nil {
		t.Fatal(err)
	}
	serving, err := f.Serving(context.Background(), FraudDetection, w)
	if err != nil {
		t.Fatal(err)
	}
	a := access[0]
	if a.Requests != serving[0].Requests || a.Rejected > serving[0].Errors || a.AuthFailures <= 0 || a.AuthFailures/a.Requests > 0.002 {
		t.Errorf("access %+v against serving %+v: the same requests, rejections among the errors, a few auth failures", a, serving[0])
	}
}
