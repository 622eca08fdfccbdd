package monitor

import (
	"context"
	"net/url"
	"slices"
	"time"

	"github.com/aiperf/monitor/pkg/catalog"
	"github.com/aiperf/monitor/pkg/engine"
)

// statusReadings measures every measure over its own lookback ending at the
// end of the range: the readings the provisioned alert rules see when they
// evaluate then, so the status words and the pager agree.
func (r *Request) statusReadings(ctx context.Context, m catalog.Model) ([]engine.Reading, []string, error) {
	needs := map[time.Duration]healthNeeds{}
	for _, spec := range engine.Measures {
		needs[spec.Lookback] |= needsOf(spec.Name)
	}
	lookbacks := make([]time.Duration, 0, len(needs))
	for l := range needs {
		lookbacks = append(lookbacks, l)
	}
	slices.Sort(lookbacks)
	var readings []engine.Reading
	var notes []string
	for _, l := range lookbacks {
		sub := r.lookback(l)
		h, err := sub.measureRange(ctx, m, hoursOf(sub.Range), needs[l])
		if err != nil {
			return nil, nil, err
		}
		notes = append(notes, h.notes...)
		for _, rd := range engine.Readings(h.total) {
			if spec, _ := engine.SpecOf(rd.Measure); spec.Lookback == l {
				readings = append(readings, rd)
			}
		}
	}
	return readings, notes, nil
}

// lookback is the request over the last d of its range, sharing its loads.
func (r *Request) lookback(d time.Duration) *Request {
	sub := *r
	sub.Range = Range{From: r.Range.To.Add(-d), To: r.Range.To, Now: r.Range.Now}
	return &sub
}

// ruleLink is where Grafana shows the alert rule behind a status: the
// provisioned rule of the most severe issue, or every rule of the model
// when none fired.
func ruleLink(a engine.HealthAssessment, model string) string {
	if len(a.Issues) > 0 {
		if rule, ok := engine.RuleByID(a.Issues[0].Rule); ok {
			return "/alerting/grafana/" + rule.UID() + "/view"
		}
	}
	return "/alerting/list?search=" + url.QueryEscape("label:model="+model)
}
