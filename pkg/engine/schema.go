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
}

// Row is one prediction, optionally with its (possibly late) label.
type Row struct {
	Num     []float64 // aligned with Schema.Numeric; NaN means missing
	Cat     []string  // aligned with Schema.Categorical; "" means missing
	Sens    []string  // aligned with Schema.Sensitive; "" means missing
	Score   float64   // binary: P(y=1); regression: the prediction
	Pred    int       // multiclass: predicted class index into Schema.Classes
	Label   float64   // binary: 0 or 1; multiclass: class index; regression: target
	Labeled bool      // false until the ground truth has arrived
}

// Missing is the value a Row uses for a missing numeric feature.
var Missing = math.NaN()
