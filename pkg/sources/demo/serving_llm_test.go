package demo

import (
	"reflect"
	"testing"
	"time"

	"github.com/aiperf/monitor/pkg/engine"
	"github.com/aiperf/monitor/pkg/sources"
)

func TestTheAssistantServesTokenTelemetryAndTheOthersNone(t *testing.T) {
	f := newTestFleet()
	day := []sources.Window{{From: testAnchor.Add(-oneDay), To: testAnchor}}
	s, err := f.Serving(t.Context(), CustomerAIAssistant, day)
	if err != nil {
		t.Fatal(err)
	}
	w := engine.SummarizeLLM(s[0])
	perRequest := (s[0].LLM.TokensIn + s[0].LLM.TokensOut) / s[0].Requests
	if perRequest < 0.97*(assistantPromptTokens+assistantCompletionTokens) || perRequest > 1.03*(assistantPromptTokens+assistantCompletionTokens) {
		t.Errorf("tokens per request %.0f, want about %d", perRequest, assistantPromptTokens+assistantCompletionTokens)
	}
	if p50 := w.TimeToFirstTokenMs.P50.Value; p50 < 0.7*assistantTTFTMs || p50 > 1.5*assistantTTFTMs {
		t.Errorf("TTFT p50 %.0f ms, want near %d ms", p50, assistantTTFTMs)
	}
	if p95 := w.TimeToFirstTokenMs.P95.Value; p95 <= w.TimeToFirstTokenMs.P50.Value {
		t.Errorf("TTFT p95 %.0f must exceed p50", p95)
	}
	if p50 := w.TimePerOutputTokenMs.P50.Value; p50 < 0.7*assistantTPOTMs || p50 > 1.3*assistantTPOTMs {
		t.Errorf("TPOT p50 %.1f ms, want near %d ms", p50, assistantTPOTMs)
	}
	if m, p := w.KVCacheMean, w.KVCachePeak; !m.OK || m.Value <= 0 || p.Value > 1 || p.Value < m.Value {
		t.Errorf("KV cache mean %+v peak %+v", m, p)
	}
	again, _ := f.Serving(t.Context(), CustomerAIAssistant, day)
	if !reflect.DeepEqual(s, again) {
		t.Error("the same day must simulate the same telemetry")
	}
	other, _ := f.Serving(t.Context(), FraudDetection, day)
	if o := engine.SummarizeLLM(other[0]); o.TokensInPerSec.OK || o.TimeToFirstTokenMs.P50.OK || o.KVCacheMean.OK {
		t.Errorf("a classifier has no token telemetry: %+v", o)
	}
}

func TestReadinessFollowsOutages(t *testing.T) {
	f := newTestFleet()
	rows, err := f.Readiness(t.Context())
	if err != nil || len(rows) != len(fleetProfiles) {
		t.Fatalf("%d rows, %v", len(rows), err)
	}
	for _, r := range rows {
		p, _ := lookup(r.Model)
		now := testNow.Truncate(time.Minute)
		d := activeDisruption(p.disruptions(now, now.Add(time.Minute)), now)
		if want := d == nil || !d.down; r.Ready == nil || *r.Ready != want {
			t.Errorf("%s: ready %v, want %v", r.Model, r.Ready, want)
		}
	}
}
