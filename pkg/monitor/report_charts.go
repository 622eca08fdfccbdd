package monitor

import (
	"fmt"
	"html"
	"html/template"
	"math"
	"strings"
	"time"

	"github.com/aiperf/monitor/pkg/engine"
	"github.com/aiperf/monitor/pkg/frames"
)

// chart is one inline SVG chart of the report, with the series it draws
// (kept for the table beneath it and the browser check).
type chart struct {
	ID, Title, Unit string
	Series          []chartSeries
	Threshold       *float64
	FromZero        bool // shares start the axis at 0
	SVG             template.HTML
}

type chartSeries struct {
	Name   string
	Points []engine.Metric // one per window
}

// The charts' geometry, in SVG user units.
const (
	chartWidth, chartHeight = 640.0, 180.0
	chartLeft, chartBottom  = 56.0, 24.0
	chartTop, chartRight    = 10.0, 10.0
)

var seriesColors = []string{"#3274d9", "#e0752d", "#56a64b", "#a352cc"}

// reportCharts draws the key series of the evidence: the primary metric
// (realized and estimated), dataset drift, p95 latency and configuration.
func reportCharts(rows []frames.EvidenceRow, w Windows) []chart {
	pick := func(check string, name func(string) bool) []engine.Metric {
		out := make([]engine.Metric, len(w.List))
		for _, e := range rows {
			if e.Check != check || !name(e.Name) {
				continue
			}
			for i, win := range w.List {
				if win.From.Equal(e.From) {
					out[i] = e.Value
				}
			}
		}
		return out
	}
	all := func(string) bool { return true }
	is := func(n string) func(string) bool { return func(s string) bool { return s == n } }
	half, zero := engine.DatasetDriftShare, 0.0
	charts := []chart{
		{ID: "chart-quality", Title: "Primary metric per window", Unit: frames.UnitPercentUnit, Series: []chartSeries{
			{"labeled predictions", pick(checkQuality, all)}, {"estimated (labels pending)", pick(checkEstimatedQuality, all)}}},
		{ID: "chart-drift", Title: "Share of features drifting", Unit: frames.UnitPercentUnit, Threshold: &half, FromZero: true, Series: []chartSeries{{"dataset drift", pick(checkDrift, all)}}},
		{ID: "chart-latency", Title: "p95 latency", Unit: frames.UnitMs, Series: []chartSeries{{"p95", pick(checkLatency, all)}}},
		{ID: "chart-configuration", Title: "Predictions served off the production version or without a baseline", Unit: frames.UnitPercentUnit, Threshold: &zero, FromZero: true, Series: []chartSeries{
			{"off the registry's production version", pick(checkConfiguration, is("serving the registry's production version"))},
			{"by a version without a baseline", pick(checkConfiguration, is("serving a version the baseline saw"))}}},
	}
	for _, r := range rows {
		if r.Check == checkLatency {
			if t, ok := thresholdMs(r.Threshold); ok {
				charts[2].Threshold = &t
			}
			break
		}
	}
	for i := range charts {
		charts[i].SVG = drawChart(charts[i], w.Starts)
	}
	return charts
}

// thresholdMs reads the latency target back from its "≤ 200 ms" text.
func thresholdMs(s string) (float64, bool) {
	var v float64
	_, err := fmt.Sscanf(strings.TrimPrefix(s, "≤ "), "%f ms", &v)
	return v, err == nil
}

// drawChart renders a line chart of the series as SVG. Only numbers and
// escaped text go into it, so it is safe to inline.
func drawChart(c chart, times []time.Time) template.HTML {
	lo, hi := math.Inf(1), math.Inf(-1)
	for _, s := range c.Series {
		for _, p := range s.Points {
			if p.OK {
				lo, hi = math.Min(lo, p.Value), math.Max(hi, p.Value)
			}
		}
	}
	if c.Threshold != nil {
		lo, hi = math.Min(lo, *c.Threshold), math.Max(hi, *c.Threshold)
	}
	var b strings.Builder
	fmt.Fprintf(&b, `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 %.0f %.0f" role="img" aria-label="%s">`, chartWidth, chartHeight, html.EscapeString(c.Title))
	if math.IsInf(lo, 1) || len(times) == 0 {
		fmt.Fprintf(&b, `<text x="%.0f" y="%.0f" class="empty">not measured in this period</text></svg>`, chartWidth/2, chartHeight/2)
		return template.HTML(b.String())
	}
	if c.FromZero {
		lo = math.Min(lo, 0)
	}
	if hi-lo < 1e-9 {
		hi = lo + 1
		if c.Unit == frames.UnitPercentUnit && lo >= 0 {
			hi = math.Max(lo*1.1, 0.01)
		}
	}
	plotW, plotH := chartWidth-chartLeft-chartRight, chartHeight-chartTop-chartBottom
	x := func(i int) float64 {
		if len(times) == 1 {
			return chartLeft + plotW/2
		}
		return chartLeft + plotW*float64(i)/float64(len(times)-1)
	}
	y := func(v float64) float64 { return chartTop + plotH*(1-(v-lo)/(hi-lo)) }
	fmt.Fprintf(&b, `<rect x="%.1f" y="%.1f" width="%.1f" height="%.1f" class="plot"/>`, chartLeft, chartTop, plotW, plotH)
	for _, v := range []float64{lo, (lo + hi) / 2, hi} {
		fmt.Fprintf(&b, `<text x="%.1f" y="%.1f" class="axis" text-anchor="end">%s</text>`, chartLeft-4, y(v)+4, html.EscapeString(axisLabel(v, c.Unit)))
	}
	fmt.Fprintf(&b, `<text x="%.1f" y="%.1f" class="axis">%s</text>`, chartLeft, chartHeight-6, times[0].UTC().Format("2006-01-02"))
	fmt.Fprintf(&b, `<text x="%.1f" y="%.1f" class="axis" text-anchor="end">%s</text>`, chartWidth-chartRight, chartHeight-6, times[len(times)-1].UTC().Format("2006-01-02"))
	if c.Threshold != nil {
		fmt.Fprintf(&b, `<line x1="%.1f" x2="%.1f" y1="%.1f" y2="%.1f" class="threshold"/>`, chartLeft, chartWidth-chartRight, y(*c.Threshold), y(*c.Threshold))
	}
	for k, s := range c.Series {
		color := seriesColors[k%len(seriesColors)]
		var path strings.Builder
		pen := false
		for i, p := range s.Points {
			if !p.OK {
				pen = false
				continue
			}
			op := "L"
			if !pen {
				op = "M"
			}
			fmt.Fprintf(&path, "%s%.1f %.1f ", op, x(i), y(p.Value))
			fmt.Fprintf(&b, `<circle cx="%.1f" cy="%.1f" r="2" fill="%s"/>`, x(i), y(p.Value), color)
			pen = true
		}
		fmt.Fprintf(&b, `<path d="%s" fill="none" stroke="%s" stroke-width="1.5"/>`, strings.TrimSpace(path.String()), color)
	}
	b.WriteString(`</svg>`)
	return template.HTML(b.String())
}

func axisLabel(v float64, unit string) string {
	switch unit {
	case frames.UnitPercentUnit:
		return fmt.Sprintf("%.1f%%", v*100)
	case frames.UnitMs:
		return fmt.Sprintf("%.0f ms", v)
	}
	return fmt.Sprintf("%.3g", v)
}
