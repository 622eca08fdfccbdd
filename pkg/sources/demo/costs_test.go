package demo

import (
	"context"
	"errors"
	"math"
	"testing"
	"time"

	"github.com/aiperf/monitor/pkg/sources"
)

func TestDailyCosts(t *testing.T) {
	f := newTestFleet()
	from := testAnchor.Add(-28 * oneDay)
	records, err := f.DailyCosts(context.Background(), from.Add(5*time.Hour), testNow)
	if err != nil {
		t.Fatal(err)
	}
	categories := map[string]map[string]bool{}
	spendByWeek := make([]float64, 4)
	var idleGPU, tokens float64
	for _, r := range records {
		if r.Day.Before(from) || !r.Day.Before(testAnchor) || !r.Day.Equal(r.Day.Truncate(oneDay)) {
			t.Fatalf("record for %s outside the complete days of the range", r.Day)
		}
		if r.Amount.IsNegative() || r.Provider == "" || r.Service == "" || r.Currency != "USD" || !r.Amount.Equal(r.Amount.Round(2)) {
			t.Fatalf("malformed record %+v", r)
		}
		if categories[r.Model] == nil {
			categories[r.Model] = map[string]bool{}
		}
		categories[r.Model][r.Category] = true
		spendByWeek[int(r.Day.Sub(from)/(7*oneDay))] += r.Amount.InexactFloat64()
		if r.Model == FraudDetection {
			idleGPU += r.IdleGPUHours
		}
		tokens += r.Tokens
	}
	for model, want := range map[string][]string{
		RiskAssessment:      {sources.CategoryCompute, sources.CategoryStorage, sources.CategoryNetwork, sources.CategoryPlatform},
		RecommendationAI:    {sources.CategoryCompute, sources.CategoryStorage, sources.CategoryNetwork, sources.CategoryGPU},
		CustomerAIAssistant: {sources.CategoryCompute, sources.CategoryGPU, sources.CategoryLLM},
		"":                  {sources.CategoryPlatform},
	} {
		for _, c := range want {
			if !categories[model][c] {
				t.Errorf("%q has no %s costs; categories %v", model, c, categories[model])
			}
		}
	}
	if idleGPU < 28*2*24*0.7 {
		t.Errorf("fraud-detection idle GPU hours %.0f over 28 days, want most of its 2 GPUs idle", idleGPU)
	}
	if tokens == 0 || categories[FraudDetection][sources.CategoryLLM] {
		t.Errorf("tokens %v; only the assistant bills tokens", tokens)
	}
	if spendByWeek[3] <= spendByWeek[0]*1.05 {
		t.Errorf("weekly spend %v, want the last week at least 5%% above the first", spendByWeek)
	}
}

func TestDailyCostsTokensFollowServedRequests(t *testing.T) {
	f := newTestFleet()
	d := testAnchor.Add(-3 * oneDay)
	records, err := f.DailyCosts(context.Background(), d, d.Add(oneDay))
	if err != nil {
		t.Fatal(err)
	}
	days, err := f.Serving(context.Background(), CustomerAIAssistant, windowsOf(d, d.Add(oneDay), oneDay))
	if err != nil {
		t.Fatal(err)
	}
	served := days[0].Requests - days[0].Errors
	var tokens float64
	for _, r := range records {
		if r.Model == CustomerAIAssistant {
			tokens += r.Tokens
		}
	}
	perRequest := tokens / served
	if math.Abs(perRequest-(assistantPromptTokens+assistantCompletionTokens)) > 100 {
		t.Errorf("%.0f tokens per request, want about %d", perRequest, assistantPromptTokens+assistantCompletionTokens)
	}
}

func TestDailyCostsDeterministic(t *testing.T) {
	from, to := testAnchor.Add(-10*oneDay), testAnchor.Add(-2*oneDay)
	a, errA := newTestFleet().DailyCosts(context.Background(), from, to)
	b, errB := newTestFleet().DailyCosts(context.Background(), from.Add(3*oneDay), to)
	if errA != nil || errB != nil {
		t.Fatal(errA, errB)
	}
	offset := len(a) - len(b)
	if offset <= 0 {
		t.Fatalf("%d and %d records", len(a), len(b))
	}
	for i := range b {
		x, y := a[offset+i], b[i]
		same := x.Amount.Equal(y.Amount)
		x.Amount = y.Amount
		if !same || x != y {
			t.Fatalf("record %d differs: %+v vs %+v", i, a[offset+i], b[i])
		}
	}
}

func TestDailyCostsErrors(t *testing.T) {
	f := newTestFleet()
	if _, err := f.DailyCosts(context.Background(), testAnchor, testAnchor.Add(-oneDay)); err == nil {
		t.Error("reversed range: want an error")
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := f.DailyCosts(ctx, testAnchor.Add(-oneDay), testAnchor); !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled context: got %v", err)
	}
}
