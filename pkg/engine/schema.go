// Package engine turns mergeable summaries of model predictions into metrics:
// drift, quality, fairness, data quality and time-series helpers. It has no I/O
// and no Grafana types; metric definitions follow docs/metrics.md.
package engine

import "math"

// Task is the kind of prediction a model makes.
type Task string

const (
	TaskBinary     Task = "binary"
	TaskMulticlass Task = "multiclass"
	TaskRegression Task = "regression"
)

// Schema names a model's inputs and outputs. Row slices are aligned with it.
type Schema struct {
	Task        Task
	Numeric     []string // numeric feature names
	Categorical []string // categorical feature names
	Sensitive   []string // sensitive attributes (categorical), used for fairness only
	Classes     []string // multiclass class names; binary models use ["0", "1"]
	Threshold   float64  // binary decision threshold on Score (default 0.5)
	// Domains declares what a feature may hold, by feature name. Schema
	// conformance counts values outside it; a feature without an entry
	// declares only its type.
	Domains map[string]Domain
}

// Domain is a feature's declared range of values.
type Domain struct {
	Min, Max *float64 // numeric: inclusive bounds; nil leaves that side open
	Values   []string // categorical: the allowed values; empty declares none
}

// Row is one prediction, optionally with its (possibly late) label.
type Row struct {
	Num     []float64 // aligned with Schema.Numeric; Missing, WrongType or Unparsable when there is no number
	Cat     []string  // aligned with Schema.Categorical; "" means missing
	Sens    []string  // aligned with Schema.Sensitive; "" means missing
	Score   float64   // binary: P(y=1); regression: the prediction
	Pred    int       // multiclass: predicted class index into Schema.Classes
	Label   float64   // binary: 0 or 1; multiclass: class index; regression: target
	Labeled bool      // false until the ground truth has arrived
}

// Values a connector puts in Row.Num when a numeric feature has no number.
// They are distinct NaNs, so arithmetic never mistakes them for values:
// Missing is an absent value (SQL NULL); WrongType a value of another type
// (a boolean, an object); Unparsable text that does not parse as a number.
// SQL stores count the same three cases with `x IS NULL`, a type test and a
// failed cast, and fill the summary's counters directly.
var (
	Missing    = math.NaN()
	WrongType  = math.Float64frombits(0x7ff8_0000_0000_0a01)
	Unparsable = math.Float64frombits(0x7ff8_0000_0000_0a02)
)

// IsWrongType and IsUnparsable tell the marked NaNs apart from Missing.
func IsWrongType(v float64) bool  { return math.Float64bits(v) == math.Float64bits(WrongType) }
func IsUnparsable(v float64) bool { return math.Float64bits(v) == math.Float64bits(Unparsable) }
