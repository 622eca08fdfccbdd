package frames

import (
	"time"

	"github.com/grafana/grafana-plugin-sdk-go/data"

	"github.com/aiperf/monitor/pkg/engine"
)

// VersionDriftSeries is one model's configuration drift per window.
type VersionDriftSeries struct {
	Model                    string
	OffRegistry, Unbaselined []engine.Metric
}

// Configuration check labels: which comparison a series makes.
const (
	CheckRegistry = "registry" // serving vs the registry's production version
	CheckBaseline = "baseline" // serving vs the versions the baseline saw
)

// ConfigurationDrift builds the time series of configuration drift: per
// model, the share of predictions served off the registry's production
// version and by versions the baseline never saw; each series is unique by
// its model and check labels, so alert rules can read them directly.
func ConfigurationDrift(times []time.Time, series []VersionDriftSeries, executed string) *data.Frame {
	fields := []*data.Field{TimeField(times)}
	for _, s := range series {
		fields = append(fields,
			WithLabels(WithRange(ValueField("offRegistry", s.Model+": off the registry's production version", UnitPercentUnit, metricPtrs(s.OffRegistry)), 0, 1),
				data.Labels{"model": s.Model, "check": CheckRegistry}),
			WithLabels(WithRange(ValueField("unbaselined", s.Model+": by a version without a baseline", UnitPercentUnit, metricPtrs(s.Unbaselined)), 0, 1),
				data.Labels{"model": s.Model, "check": CheckBaseline}))
	}
	return NewTimeSeries("configurationDrift", executed, fields...)
}

// VersionRow is one model's versions: what the registry marks as
// production, what serves, what the baseline saw, and the drift over the range.
type VersionRow struct {
	Model, Production, ProductionBy, ServingNow, BaselineVersions, MeasuredBy string
	OffRegistry, Unbaselined                                                  engine.Metric
}

// Versions builds the table of served and registered versions.
func Versions(rows []VersionRow, executed string) *data.Frame {
	n := len(rows)
	model, production, by, now, base, measured := make([]string, n), make([]string, n), make([]string, n), make([]string, n), make([]string, n), make([]string, n)
	off, fresh := make([]*float64, n), make([]*float64, n)
	for i, r := range rows {
		model[i], production[i], by[i], now[i], base[i], measured[i] = r.Model, r.Production, r.ProductionBy, r.ServingNow, r.BaselineVersions, r.MeasuredBy
		off[i], fresh[i] = r.OffRegistry.Ptr(), r.Unbaselined.Ptr()
	}
	return New("versions", executed,
		ValueField("model", "Model", "", model),
		ValueField("productionVersion", "Registry production version", "", production),
		ValueField("productionBy", "Marked by", "", by),
		ValueField("servingNow", "Serving now", "", now),
		ValueField("baselineVersions", "Baseline saw", "", base),
		WithThreshold(ValueField("offRegistry", "Off the registry's version", UnitPercentUnit, off), 0.000001, true),
		WithThreshold(ValueField("unbaselined", "Without a baseline", UnitPercentUnit, fresh), 0.000001, true),
		ValueField("measuredBy", "Measured by", "", measured),
	)
}

func metricPtrs(ms []engine.Metric) []*float64 {
	out := make([]*float64, len(ms))
	for i, m := range ms {
		out[i] = m.Ptr()
	}
	return out
}
