package monitor

import (
	"context"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/aiperf/monitor/pkg/engine"
	"github.com/aiperf/monitor/pkg/sources"
)

// counting counts the calls a request makes to its connectors.
type counting struct {
	sources.InferenceSource
	serving sources.ServingSource
	mu      sync.Mutex
	calls   map[string]int
}

func (c *counting) count(what string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.calls[what]++
}

func (c *counting) Summaries(ctx context.Context, model string, b *engine.Baseline, w []sources.Window) ([]*engine.Summary, error) {
	c.count("summaries " + model + " " + windowsKey(w))
	return c.InferenceSource.Summaries(ctx, model, b, w)
}

func (c *counting) Baseline(ctx context.Context, model string, w sources.Window) (*engine.Baseline, error) {
	c.count("baseline " + model + " " + windowsKey([]sources.Window{w}))
	return c.InferenceSource.Baseline(ctx, model, w)
}

func (c *counting) Serving(ctx context.Context, model string, w []sources.Window) ([]engine.ServingSummary, error) {
	c.count("serving " + model + " " + windowsKey(w))
	return c.serving.Serving(ctx, model, w)
}

func (c *counting) Utilization(ctx context.Context, model string, w []sources.Window) ([]engine.UtilizationSummary, error) {
	c.count("utilization " + model + " " + windowsKey(w))
	return c.serving.Utilization(ctx, model, w)
}

// The Executive page's queries share one data request: each asks the
// connectors for the same windows of a model once, however many parts of
// how many queries need them (STYLE.md item 11). Cost per prediction counts
// the served requests of the billed whole days, and the status words read
// each measure over its lookback: windows of their own, also read once.
func TestARequestReadsEachModelsWindowsOnce(t *testing.T) {
	s := newDemoSetup(t, fleetTestNow)
	c := &counting{InferenceSource: s.conns.Inference, serving: s.conns.Serving, calls: map[string]int{}}
	s.conns.Inference, s.conns.Serving = c, c
	loads := NewLoads()
	for _, qt := range []string{"fleetHealth", "kpis", "inventory", "fleetHealth"} {
		r := s.request(t, map[string]any{"queryType": qt}, 7*day, time.Hour)
		r.Loads = loads
		if _, err := Answer(t.Context(), r); err != nil {
			t.Fatalf("%s: %v", qt, err)
		}
	}
	kinds := map[string]bool{}
	for what, n := range c.calls {
		if n != 1 {
			t.Errorf("%.60s…: %d calls in one request, want 1", what, n)
		}
		kinds[strings.Join(strings.Fields(what)[:2], " ")] = true
	}
	if len(kinds) != 5*4 {
		t.Errorf("read %v: want summaries, baseline, serving and utilization of every model", kinds)
	}
}
