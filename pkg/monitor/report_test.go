package monitor

import (
	"strings"
	"testing"

	"github.com/aiperf/monitor/pkg/query"
	"github.com/aiperf/monitor/pkg/sources/demo"
)

func TestReportSummarizesTheEvidence(t *testing.T) {
	s := newDemoSetup(t, fleetTestNow)
	r := s.request(t, map[string]any{"queryType": "evidence", "model": demo.RiskAssessment}, 30*day, 0)
	rep, err := buildReport(t.Context(), r)
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.Plan) != len(rep.Results) || rep.Plan[0].Check != checkDrift || len(rep.Charts) != 4 {
		t.Fatalf("plan %d, results %d, first %q, charts %d", len(rep.Plan), len(rep.Results), rep.Plan[0].Check, len(rep.Charts))
	}
	runs := 0
	for _, res := range rep.Results {
		runs += res.Runs
		if res.Passed+res.Failed+res.Unmea != res.Runs {
			t.Errorf("%s %s: %d+%d+%d outcomes of %d runs", res.Check, res.Name, res.Passed, res.Failed, res.Unmea, res.Runs)
		}
	}
	if runs != len(rep.Evidence) {
		t.Errorf("results count %d runs, the register holds %d", runs, len(rep.Evidence))
	}
	// The gender gap fails in every window with labels: one open finding, and
	// the P1 alert as one span over the consecutive windows.
	found := false
	for _, f := range rep.Findings {
		found = found || (strings.Contains(f.What, "fairness by gender") && f.Severity == "P1" && !f.Since.IsZero())
	}
	if !found {
		t.Errorf("findings %+v: want the failing gender fairness check", rep.Findings)
	}
	spans := 0
	for _, a := range rep.Alerts {
		if a.Check == checkFairness {
			spans++
			if a.Windows < 10 {
				t.Errorf("fairness alert span %+v: the windows are consecutive, want one long span", a)
			}
		}
	}
	if spans != 1 {
		t.Errorf("%d fairness alert spans, want one", spans)
	}
	html, err := ComplianceReportHTML(t.Context(), s.request(t, map[string]any{"queryType": string(query.QueryTypeEvidence), "model": demo.RiskAssessment}, 30*day, 0))
	if err != nil || !strings.Contains(string(html), "fairness: fairness by gender fails") {
		t.Errorf("report: %v; want the open finding listed", err)
	}
}
