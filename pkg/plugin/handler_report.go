package plugin

import (
	"fmt"
	"net/http"
	"strconv"
	"time"

	"github.com/aiperf/monitor/pkg/fault"
	"github.com/aiperf/monitor/pkg/monitor"
	"github.com/aiperf/monitor/pkg/query"
)

// defaultReportPeriod is the period of a report whose request names none.
const defaultReportPeriod = 30 * 24 * time.Hour

// serveComplianceReport answers GET compliance-report?model=&from=&to=
// (from and to in epoch milliseconds or RFC 3339; the last 30 days when
// absent) with the model's compliance report as a self-contained HTML
// file to download.
func (d *Datasource) serveComplianceReport(w http.ResponseWriter, r *http.Request) {
	params := r.URL.Query()
	model := params.Get("model")
	if model == "" {
		writeFailure(w, fault.Userf("the model parameter is missing: add ?model=<id>"))
		return
	}
	now := d.now()
	to, err := reportTime(params.Get("to"), now, "to")
	if err != nil {
		writeFailure(w, err)
		return
	}
	from, err := reportTime(params.Get("from"), to.Add(-defaultReportPeriod), "from")
	if err != nil {
		writeFailure(w, err)
		return
	}
	rng, err := monitor.NewRange(from, to, now)
	if err != nil {
		writeFailure(w, err)
		return
	}
	ctx := r.Context()
	cat, catErr := d.catalogs.get(ctx)
	if _, ok := cat.Model(model); !ok {
		if catErr != nil {
			writeFailure(w, fault.NotFoundf("model %s is not in the catalog (%v)", fault.Echo(model), catErr))
			return
		}
		writeFailure(w, fault.NotFoundf("model %s is not in the catalog", fault.Echo(model)))
		return
	}
	req := &monitor.Request{Query: query.Query{QueryType: query.QueryTypeEvidence, Model: model}, Range: rng, Catalog: cat, Conns: d.conns, Loads: monitor.NewLoads(), Folds: d.folds}
	body, err := monitor.ComplianceReportHTML(ctx, req)
	if err != nil {
		writeFailure(w, err)
		return
	}
	name := fmt.Sprintf("compliance-report-%s-%s-to-%s.html", model, rng.From.Format("20060102"), rng.To.Format("20060102"))
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Content-Disposition", fmt.Sprintf("attachment; filename=%q", name))
	w.Header().Set("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; img-src data:")
	w.WriteHeader(http.StatusOK)
	_, _ = w.Write(body)
}

// reportTime parses a report bound: epoch milliseconds or RFC 3339.
func reportTime(v string, fallback time.Time, field string) (time.Time, error) {
	if v == "" {
		return fallback, nil
	}
	if ms, err := strconv.ParseInt(v, 10, 64); err == nil {
		return time.UnixMilli(ms).UTC(), nil
	}
	t, err := time.Parse(time.RFC3339, v)
	if err != nil {
		return time.Time{}, fault.Userf("%s %s is not a time: use epoch milliseconds or RFC 3339", field, fault.Echo(v))
	}
	return t, nil
}
