package monitor

import (
	"bytes"
	"context"
	_ "embed"
	"html/template"
	"strconv"
	"strings"
	"time"

	"github.com/aiperf/monitor/pkg/engine"
)

//go:embed report.html.tmpl
var reportTemplateText string

// reportTemplate escapes every value it prints (html/template); the charts
// are SVG built from numbers and escaped text only.
var reportTemplate = template.Must(template.New("report").Funcs(template.FuncMap{
	"value": reportValue,
	"raw": func(v engine.Metric) string {
		if !v.OK {
			return ""
		}
		return strconv.FormatFloat(v.Value, 'g', -1, 64)
	},
	"day":  func(t time.Time) string { return t.UTC().Format("2006-01-02") },
	"when": stampOrDash,
	"span": func(d time.Duration) string {
		if d%(24*time.Hour) == 0 {
			return strconv.Itoa(int(d/(24*time.Hour))) + " day(s)"
		}
		return strings.TrimSuffix(strings.TrimSuffix(d.String(), "0s"), "0m")
	},
	"join": strings.Join,
	"pct": func(n, of int) string {
		if of == 0 {
			return "–"
		}
		return strconv.FormatFloat(100*float64(n)/float64(of), 'f', 0, 64) + "%"
	},
}).Parse(reportTemplateText))

// ComplianceReportHTML renders the query's model's evidence over the range
// as a self-contained HTML document: inline CSS and SVG, no external
// request, so a reviewer can archive the file as it is.
func ComplianceReportHTML(ctx context.Context, r *Request) ([]byte, error) {
	if r.Loads == nil {
		r.Loads = NewLoads()
	}
	rep, err := buildReport(ctx, r)
	if err != nil {
		return nil, err
	}
	var b bytes.Buffer
	if err := reportTemplate.Execute(&b, rep); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

func stampOrDash(t time.Time) string {
	if t.IsZero() {
		return "–"
	}
	return t.UTC().Format("2006-01-02 15:04 UTC")
}
