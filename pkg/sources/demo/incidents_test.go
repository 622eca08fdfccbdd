package demo

import (
	"context"
	"errors"
	"math"
	"slices"
	"testing"
	"time"

	"github.com/aiperf/monitor/pkg/sources"
)

func TestIncidentsAreResolvedAndComputable(t *testing.T) {
	f := newTestFleet()
	from, to := testAnchor.Add(-30*oneDay), testNow
	total := 0
	severities := map[string]bool{}
	for _, spec := range Models() {
		incidents, err := f.Incidents(context.Background(), spec.ID, from, to)
		if err != nil {
			t.Fatal(err)
		}
		for _, in := range incidents {
			if in.Model != spec.ID || in.Summary == "" || !slices.Contains([]string{"P0", "P1", "P2", "P3"}, in.Severity) {
				t.Fatalf("malformed incident %+v", in)
			}
			if !in.Started.Before(testNow) || (!in.Resolved.IsZero() && !in.Resolved.After(in.Started)) {
				t.Fatalf("incident times out of order: %+v", in)
			}
			severities[in.Severity] = true
		}
		total += len(incidents)
	}
	if total < 5 || len(severities) < 3 {
		t.Errorf("%d incidents with severities %v in 30 days; want enough for MTTR/MTBF", total, severities)
	}
}

func TestIncidentsShowInServing(t *testing.T) {
	f := newTestFleet()
	ctx := context.Background()
	for _, spec := range Models() {
		p, _ := lookup(spec.ID)
		for _, o := range p.disruptions(testAnchor.Add(-60*oneDay), testAnchor) {
			minutes, err := f.Serving(ctx, spec.ID, windowsOf(o.start, o.end, time.Minute))
			if err != nil {
				t.Fatal(err)
			}
			var requests, errs float64
			for i, m := range minutes {
				if (m.DownMinutes == 1) != o.down {
					t.Fatalf("%s %s incident at %s: minute %d up %v, down %v", spec.ID, o.severity, o.start, i, m.UpMinutes, m.DownMinutes)
				}
				requests += m.Requests
				errs += m.Errors
			}
			// Errors are rounded at random per minute: allow four standard deviations.
			if expected := requests * o.errorRate; errs < expected-4*math.Sqrt(expected) {
				t.Fatalf("%s %s incident at %s: %v errors in %v requests, want an error rate near %v", spec.ID, o.severity, o.start, errs, requests, o.errorRate)
			}
		}
	}
}

func TestRecommendationLatencyIncidentStaysOpen(t *testing.T) {
	incidents, err := newTestFleet().Incidents(context.Background(), RecommendationAI, testAnchor.Add(-7*oneDay), testNow)
	if err != nil {
		t.Fatal(err)
	}
	i := slices.IndexFunc(incidents, func(in sources.Incident) bool { return in.Started.Equal(latencyOnset(testAnchor)) })
	if i < 0 || !incidents[i].Resolved.IsZero() {
		t.Fatalf("want an open incident at the release, got %+v", incidents)
	}
}

func TestIncidentsBeforeNowOnly(t *testing.T) {
	f := newTestFleet()
	for _, spec := range Models() {
		incidents, err := f.Incidents(context.Background(), spec.ID, testNow, testNow.Add(60*oneDay))
		if err != nil {
			t.Fatal(err)
		}
		for _, in := range incidents {
			if in.Started.After(testNow) {
				t.Fatalf("%s: incident in the future: %+v", spec.ID, in)
			}
		}
	}
}

func TestIncidentsErrors(t *testing.T) {
	f := newTestFleet()
	if _, err := f.Incidents(context.Background(), "nope", testAnchor.Add(-oneDay), testAnchor); err == nil {
		t.Error("unknown model: want an error")
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := f.Incidents(ctx, RiskAssessment, testAnchor.Add(-oneDay), testAnchor); !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled context: got %v", err)
	}
}
