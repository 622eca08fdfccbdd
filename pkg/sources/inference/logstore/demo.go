package logstore

import (
	"fmt"
	"math"
	"slices"
	"time"

	"github.com/aiperf/monitor/pkg/engine"
	"github.com/aiperf/monitor/pkg/sources/demo"
)

// The demo fleet's rows in a store (cmd/aiperf-seed): one wide predictions
// table, each model's features in its own columns (NULL in the other
// models' rows), labels NULL until they arrive. It is the README's schema
// contract filled with the simulator's rows.

// Demo column kinds.
const (
	DemoTime  = "time"
	DemoText  = "text"
	DemoFloat = "float"
)

// DemoColumn is one column of the demo table.
type DemoColumn struct{ Name, Kind string }

// The demo table's fixed columns.
const (
	DemoTimeColumn       = "ts"
	DemoModelColumn      = "model_id"
	DemoVersionColumn    = "model_version"
	DemoRequestIDColumn  = "request_id"
	DemoScoreColumn      = "score"
	DemoPredictionColumn = "prediction"
	DemoLabelColumn      = "label"
)

// DemoColumns lists the demo table's columns in order: the fixed ones,
// then every model's numeric features, categorical features and sensitive
// attributes.
func DemoColumns() []DemoColumn {
	cols := []DemoColumn{{DemoTimeColumn, DemoTime}, {DemoModelColumn, DemoText}, {DemoVersionColumn, DemoText}, {DemoRequestIDColumn, DemoText},
		{DemoScoreColumn, DemoFloat}, {DemoPredictionColumn, DemoFloat}, {DemoLabelColumn, DemoFloat}}
	seen := map[string]bool{}
	add := func(names []string, kind string) {
		for _, n := range names {
			if !seen[n] {
				seen[n] = true
				cols = append(cols, DemoColumn{n, kind})
			}
		}
	}
	specs := demo.Models()
	for _, m := range specs {
		add(m.Schema.Numeric, DemoFloat)
	}
	for _, m := range specs {
		add(m.Schema.Categorical, DemoText)
	}
	for _, m := range specs {
		add(m.Schema.Sensitive, DemoText)
	}
	return cols
}

// DemoMapping maps the demo table for the data source.
func DemoMapping(table string) Mapping {
	m := Mapping{Table: table, TimeColumn: DemoTimeColumn, ModelColumn: DemoModelColumn, VersionColumn: DemoVersionColumn,
		RequestIDColumn: DemoRequestIDColumn, ScoreColumn: DemoScoreColumn, PredictionColumn: DemoPredictionColumn, LabelColumn: DemoLabelColumn}
	for _, c := range DemoColumns()[7:] {
		kind := KindNumeric
		if c.Kind == DemoText {
			kind = KindCategorical
		}
		m.Features = append(m.Features, FeatureMapping{Column: c.Name, Kind: kind})
	}
	sensitive := map[string]bool{}
	for _, spec := range demo.Models() {
		mm := ModelMapping{ID: spec.ID, Task: spec.Task, Features: slices.Concat(spec.Schema.Numeric, spec.Schema.Categorical), Sensitive: append([]string{}, spec.Schema.Sensitive...)}
		if spec.Task == engine.TaskBinary && spec.Schema.Threshold != 0 {
			mm.Threshold = spec.Schema.Threshold
		}
		m.Models = append(m.Models, mm)
		for _, s := range spec.Schema.Sensitive {
			sensitive[s] = true
		}
	}
	m.Features = slices.DeleteFunc(m.Features, func(f FeatureMapping) bool { return sensitive[f.Column] })
	for _, c := range DemoColumns()[7:] {
		if sensitive[c.Name] {
			m.Sensitive = append(m.Sensitive, c.Name)
		}
	}
	return m
}

// DemoRecord is one demo row as the demo table's values, aligned with
// DemoColumns (nil for NULL); seq numbers the model's rows for request ids.
// Times are cut to the store's resolution (precision), never rounded up,
// so no row crosses a window bound.
func DemoRecord(spec demo.ModelSpec, ts time.Time, precision time.Duration, r *engine.Row, seq int64, index map[string]int, out []any) {
	clear(out)
	out[0], out[1], out[2] = ts.UTC().Truncate(precision), spec.ID, spec.Version
	out[3] = fmt.Sprintf("%s-%d-%d", spec.ID, ts.Unix(), seq)
	if spec.Task == engine.TaskRegression {
		out[5] = number(r.Score)
	} else {
		out[4] = number(r.Score)
	}
	if r.Labeled {
		out[6] = number(r.Label)
	}
	for i, f := range spec.Schema.Numeric {
		out[index[f]] = number(r.Num[i])
	}
	for i, f := range spec.Schema.Categorical {
		out[index[f]] = text(r.Cat[i])
	}
	for i, f := range spec.Schema.Sensitive {
		out[index[f]] = text(r.Sens[i])
	}
}

// DemoIndex maps each demo column name to its position.
func DemoIndex() map[string]int {
	index := map[string]int{}
	for i, c := range DemoColumns() {
		index[c.Name] = i
	}
	return index
}

func number(v float64) any {
	if math.IsNaN(v) {
		return nil
	}
	return v
}

func text(v string) any {
	if v == "" {
		return nil
	}
	return v
}
