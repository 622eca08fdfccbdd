package logstore

import (
	"context"
	"slices"
	"strings"

	"github.com/aiperf/monitor/pkg/catalog"
	"github.com/aiperf/monitor/pkg/sources"
)

// The predictions table also answers the compliance views: which model
// versions served (the version column), how completely each prediction was
// logged (request id, version and inputs present) and what is retained.
// The stores count per interval; this folds the counts into the windows.

// Needs reports the first optional column a measurement reads that the
// mapping leaves out; settings are its jsonData names (versionColumn,
// requestIdColumn).
func (m *Mapping) Needs(field, what string, settings ...string) error {
	for _, setting := range settings {
		name := map[string]string{"versionColumn": m.VersionColumn, "requestIdColumn": m.RequestIDColumn}[setting]
		if name == "" {
			return catalog.FieldError{Field: field + "." + setting, Problem: "is not mapped, so " + what + " cannot be measured: map the column that holds it"}
		}
	}
	return nil
}

// Inputs lists the model's input columns: its numeric and categorical
// features. A prediction logged with none of them has no inputs.
func (t *Table) Inputs() []*Column {
	var out []*Column
	for i := range t.Numeric {
		out = append(out, &t.Numeric[i])
	}
	for i := range t.Categorical {
		out = append(out, &t.Categorical[i])
	}
	return out
}

// VersionsByWindow sums each window's intervals' predictions per version
// (perInterval is indexed by interval, 1-based; nil where none served),
// versions in name order.
func VersionsByWindow(iv *Intervals, perInterval []map[string]int64) [][]sources.VersionUse {
	out := make([][]sources.VersionUse, len(iv.Windows))
	for i, covered := range iv.Windows {
		total := map[string]int64{}
		for _, k := range covered {
			for v, n := range perInterval[k] {
				total[v] += n
			}
		}
		out[i] = []sources.VersionUse{}
		for v, n := range total {
			out[i] = append(out[i], sources.VersionUse{Version: v, Predictions: float64(n)})
		}
		slices.SortFunc(out[i], func(a, b sources.VersionUse) int { return strings.Compare(a.Version, b.Version) })
	}
	return out
}

// AuditByWindow sums each window's intervals' audit counts (perInterval
// indexed by interval, 1-based).
func AuditByWindow(iv *Intervals, perInterval []sources.AuditCounts) []sources.AuditCounts {
	out := make([]sources.AuditCounts, len(iv.Windows))
	for i, covered := range iv.Windows {
		o := &out[i]
		for _, k := range covered {
			c := perInterval[k]
			o.Predictions, o.Complete = o.Predictions+c.Predictions, o.Complete+c.Complete
			o.MissingRequestID, o.MissingVersion, o.MissingInputs = o.MissingRequestID+c.MissingRequestID, o.MissingVersion+c.MissingVersion, o.MissingInputs+c.MissingInputs
		}
	}
	return out
}

// TableIntervals resolves the model's table and cuts the windows of a
// compliance measurement.
func TableIntervals(ctx context.Context, r Reader, model string, windows []sources.Window) (*Table, string, *Intervals, error) {
	t, relation, err := r.Table(ctx, model)
	if err != nil {
		return nil, "", nil, err
	}
	iv, err := NewIntervals(windows)
	return t, relation, iv, err
}
