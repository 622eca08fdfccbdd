package frames

import (
	"github.com/grafana/grafana-plugin-sdk-go/data"

	"github.com/aiperf/monitor/pkg/engine"
)

// MeasureRow is one series of a measure: a model, its team and, where a
// model has several, the attribute, resource or signal.
type MeasureRow struct {
	Model, Team, Dimension string
	Value                  engine.Metric
}

// NewNumericLong returns a numeric long frame (data plane contract: string
// label columns and numeric value columns, one row per series, no time),
// the shape Grafana Alerting reads as one instance per row.
func NewNumericLong(name, executed string, fields ...*data.Field) *data.Frame {
	f := New(name, executed, fields...)
	f.Meta.Type = data.FrameTypeNumericLong
	f.Meta.TypeVersion = data.FrameTypeVersion{0, 1}
	return f
}

// Measures builds the numeric long frame of one measure: columns model,
// team, the dimension (when the measure has one) and the value, named after
// the measure; a row whose value is undefined holds null, which Grafana
// Alerting reads as no data for that series.
func Measures(spec engine.MeasureSpec, rows []MeasureRow, executed string) *data.Frame {
	n := len(rows)
	model, team, dimension, value := make([]string, n), make([]string, n), make([]string, n), make([]*float64, n)
	for i, r := range rows {
		model[i], team[i], dimension[i], value[i] = r.Model, r.Team, r.Dimension, r.Value.Ptr()
	}
	fields := []*data.Field{data.NewField("model", nil, model), data.NewField("team", nil, team)}
	if spec.Dimension != "" {
		fields = append(fields, data.NewField(spec.Dimension, nil, dimension))
	}
	fields = append(fields, ValueField(string(spec.Name), spec.Value, UnitNone, value))
	return NewNumericLong("measures", executed, fields...)
}
