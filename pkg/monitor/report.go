package monitor

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/aiperf/monitor/pkg/catalog"
	"github.com/aiperf/monitor/pkg/engine"
	"github.com/aiperf/monitor/pkg/frames"
	"github.com/aiperf/monitor/pkg/sources"
)

// complianceReport is one model's evidence over a period, as the archived
// report shows it: every number comes from the same functions that answer
// the evidence, complianceFacts and incidents queries.
type complianceReport struct {
	Model      catalog.Model
	Origin     string
	Filled     []string
	Range      Range
	Generated  time.Time
	Step       time.Duration
	Plan       []planEntry
	Results    []checkResult
	Facts      []frames.FactRow
	Evidence   []frames.EvidenceRow
	Incidents  []sources.Incident
	Alerts     []alertSpan
	Findings   []finding
	Charts     []chart
	Notes      []string
	IncidentsN string   // why incidents are missing, when they are
	Colors     []string // of the charts' series, in order
}

// planEntry is one check of the monitoring plan.
type planEntry struct {
	Check, Name, Baseline, Method, Threshold string
}

// checkResult sums one check's outcomes over the period.
type checkResult struct {
	Check, Name                 string
	Runs, Passed, Failed, Unmea int
	Alerts                      int
	Latest                      frames.EvidenceRow // the latest window the check measured (the latest window when it measured none)
}

// alertSpan is one alert raised on consecutive windows.
type alertSpan struct {
	Check, Alert string
	From, To     time.Time
	Windows      int
}

// finding is something still open at the end of the period.
type finding struct {
	Severity, What, Detail string
	Since                  time.Time
}

// buildReport gathers one model's report over the request's range.
func buildReport(ctx context.Context, r *Request) (*complianceReport, error) {
	m, err := r.model()
	if err != nil {
		return nil, err
	}
	w := evidenceWindows(r)
	rep := &complianceReport{Colors: seriesColors, Model: m, Origin: string(r.Catalog.Origins[m.ID]), Filled: r.Catalog.FromRegistry[m.ID], Range: r.Range, Generated: r.Now(), Step: w.Step}
	if rep.Evidence, err = r.evidenceOf(ctx, m, w); err != nil {
		return nil, err
	}
	if rep.Facts, err = r.complianceFactsOf(ctx, m, hoursOf(r.Range)); err != nil {
		return nil, err
	}
	if r.Conns.Incidents != nil {
		byModel, err := r.incidentsOf(ctx, []catalog.Model{m})
		if err != nil {
			return nil, err
		}
		rep.Incidents = byModel[m.ID]
	} else {
		rep.IncidentsN = "no incident source is configured: incidents are not recorded"
	}
	rep.summarize()
	rep.Charts = reportCharts(rep.Evidence, w)
	return rep, nil
}

// summarize derives the plan, per-check results, alert spans and open
// findings from the evidence rows.
func (rep *complianceReport) summarize() {
	type key struct{ check, name string }
	byKey := map[key]*checkResult{}
	var order []key
	for _, e := range rep.Evidence {
		k := key{e.Check, e.Name}
		res, ok := byKey[k]
		if !ok {
			res = &checkResult{Check: e.Check, Name: e.Name}
			byKey[k] = res
			order = append(order, k)
			rep.Plan = append(rep.Plan, planEntry{Check: e.Check, Name: e.Name, Baseline: e.Baseline, Method: e.Method, Threshold: e.Threshold})
		}
		res.Runs++
		switch e.Outcome {
		case outcomePass:
			res.Passed++
		case outcomeFail:
			res.Failed++
		default:
			res.Unmea++
		}
		if e.Alert != "" {
			res.Alerts++
		}
		if e.Value.OK || !res.Latest.Value.OK {
			res.Latest = e
		}
	}
	// The plan and results in register order, whatever window a check first ran on.
	rank := func(check string) int { return slices.Index(EvidenceChecks, check) }
	slices.SortStableFunc(order, func(a, b key) int { return rank(a.check) - rank(b.check) })
	slices.SortStableFunc(rep.Plan, func(a, b planEntry) int { return rank(a.Check) - rank(b.Check) })
	for _, k := range order {
		res := byKey[k]
		rep.Results = append(rep.Results, *res)
		if res.Latest.Outcome == outcomeFail {
			rep.Findings = append(rep.Findings, finding{Severity: severityOf(res.Latest.Alert), What: fmt.Sprintf("%s: %s fails", res.Check, res.Name),
				Detail: res.Latest.Detail, Since: failingSince(rep.Evidence, k.check, k.name)})
		}
	}
	for _, f := range rep.Facts {
		if f.Outcome == outcomeFail {
			rep.Findings = append(rep.Findings, finding{Severity: "compliance", What: f.Fact + " misses its target", Detail: f.Detail})
		}
	}
	for _, inc := range rep.Incidents {
		if inc.Resolved.IsZero() {
			rep.Findings = append(rep.Findings, finding{Severity: inc.Severity, What: "open incident", Detail: inc.Summary, Since: inc.Started})
		}
	}
	rep.Alerts = alertSpans(rep.Evidence)
}

// failingSince is the start of the run of failing windows that reaches the
// latest measured window of a check (windows not measured do not break it).
func failingSince(rows []frames.EvidenceRow, check, name string) time.Time {
	var since time.Time
	for _, e := range rows {
		if e.Check != check || e.Name != name || e.Outcome == outcomeNotMeasured {
			continue
		}
		if e.Outcome != outcomeFail {
			since = time.Time{}
		} else if since.IsZero() {
			since = e.From
		}
	}
	return since
}

// alertSpans joins the windows on which one rule fired for one check into
// spans of consecutive windows; rows come window by window, several per
// window (one per attribute), and the detail is the latest window's.
func alertSpans(rows []frames.EvidenceRow) []alertSpan {
	current := map[string]int{} // check and rule → index of its latest span
	var out []alertSpan
	for _, e := range rows {
		if e.Alert == "" {
			continue
		}
		rule, _, _ := strings.Cut(e.Alert, ":")
		k := e.Check + "|" + rule
		if i, ok := current[k]; ok && (out[i].To.Equal(e.From) || out[i].To.Equal(e.To)) {
			if out[i].To.Equal(e.From) {
				out[i].Windows++
			}
			out[i].To, out[i].Alert = e.To, e.Alert
			continue
		}
		current[k] = len(out)
		out = append(out, alertSpan{Check: e.Check, Alert: e.Alert, From: e.From, To: e.To, Windows: 1})
	}
	return out
}

func severityOf(alert string) string {
	if len(alert) >= 2 && alert[0] == 'P' {
		return alert[:2]
	}
	return "finding"
}

// reportValue is a metric as the report prints it.
func reportValue(v engine.Metric, unit string) string {
	if !v.OK {
		return "not measured"
	}
	switch unit {
	case frames.UnitPercentUnit:
		return fmt.Sprintf("%.2f%%", v.Value*100)
	case frames.UnitMs:
		return fmt.Sprintf("%.0f ms", v.Value)
	case "d":
		return fmt.Sprintf("%.1f days", v.Value)
	}
	return fmt.Sprintf("%.4g", v.Value)
}
