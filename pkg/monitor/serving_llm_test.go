package monitor

import (
	"strings"
	"testing"
	"time"
)

func TestLLMViewsOnTheAssistantAndUndefinedElsewhere(t *testing.T) {
	body := func(qt, model string) map[string]any { return map[string]any{"queryType": qt, "model": model} }
	ttft := answer(t, body("timeToFirstToken", "customer-ai-assistant"), 24*time.Hour, time.Hour)[0]
	p50, p95 := fieldValues(t, ttft, "p50"), fieldValues(t, ttft, "p95")
	for i := range p50 {
		if !(p50[i] > 50 && p95[i] > p50[i]) {
			t.Fatalf("row %d: TTFT p50 %v p95 %v", i, p50[i], p95[i])
		}
	}
	tokens := answer(t, body("tokens", "customer-ai-assistant"), 24*time.Hour, time.Hour)[0]
	if in, out := mean(fieldValues(t, tokens, "tokensIn")), mean(fieldValues(t, tokens, "tokensOut")); !(in > out && out > 0) {
		t.Fatalf("tokens/s in %v out %v: prompts are longer than answers", in, out)
	}
	kv := answer(t, body("kvCache", "customer-ai-assistant"), 24*time.Hour, time.Hour)[0]
	for _, v := range fieldValues(t, kv, "peak") {
		if v <= 0 || v > 1 {
			t.Fatalf("KV-cache peak %v outside (0, 1]", v)
		}
	}
	classifier := answer(t, body("timePerOutputToken", "fraud-detection"), 6*time.Hour, time.Hour)[0]
	if v := nullableAt(t, classifier, "p50", 0); v != nil {
		t.Fatalf("a classifier has no time per output token, got %v", *v)
	}
	if len(classifier.Meta.Notices) == 0 || !strings.Contains(classifier.Meta.Notices[0].Text, "no token telemetry") {
		t.Fatalf("the frame must say why it is empty: %+v", classifier.Meta.Notices)
	}
}

func TestAvailabilityFrameFromTheProbedMinutes(t *testing.T) {
	f := answer(t, map[string]any{"queryType": "availability", "model": "fraud-detection"}, 7*24*time.Hour, 24*time.Hour)[0]
	avail, down := fieldValues(t, f, "availability"), fieldValues(t, f, "downtime")
	for i := range avail {
		if avail[i] < 0 || avail[i] > 1 || down[i] < 0 || (avail[i] == 1) != (down[i] == 0) {
			t.Fatalf("day %d: availability %v with %v minutes down", i, avail[i], down[i])
		}
	}
}
