// Package logstore is what the SQL inference stores (PostgreSQL,
// ClickHouse) share: the column mapping of a predictions table, the plan
// of the one aggregating scan that summarizes every window and feature of
// a query, and the assembly of its grouped rows into the engine's
// summaries and baseline profiles. The stores only write and run SQL.
package logstore

import (
	"fmt"
	"math"
	"regexp"
	"strings"

	"github.com/aiperf/monitor/pkg/catalog"
	"github.com/aiperf/monitor/pkg/engine"
	"github.com/aiperf/monitor/pkg/fault"
)

// Mapping says where a predictions table keeps what the summaries need
// (README "Inference logs: the schema contract"). JSON names are the
// inference section's jsonData fields.
type Mapping struct {
	// Table is "table" or "schema.table" (PostgreSQL), "table" or
	// "database.table" (ClickHouse): a table or a view.
	Table           string `json:"table"`
	TimeColumn      string `json:"timeColumn"`
	ModelColumn     string `json:"modelColumn"`
	VersionColumn   string `json:"versionColumn,omitempty"`
	RequestIDColumn string `json:"requestIdColumn,omitempty"`
	// ScoreColumn is a binary model's P(y=1).
	ScoreColumn string `json:"scoreColumn,omitempty"`
	// PredictionColumn is a multiclass model's predicted class or a
	// regression model's predicted value.
	PredictionColumn string `json:"predictionColumn,omitempty"`
	// LabelColumn is the ground truth: NULL until it arrives.
	LabelColumn string           `json:"labelColumn,omitempty"`
	Task        engine.Task      `json:"task,omitempty"`      // default for models without an entry; binary when empty
	Threshold   float64          `json:"threshold,omitempty"` // binary decision threshold; 0.5 when 0
	Classes     []string         `json:"classes,omitempty"`   // multiclass class names, as the prediction and label columns hold them
	Features    []FeatureMapping `json:"features,omitempty"`
	Sensitive   []string         `json:"sensitive,omitempty"`
	Models      []ModelMapping   `json:"models,omitempty"`
}

// Feature kinds.
const (
	KindNumeric     = "numeric"
	KindCategorical = "categorical"
)

// FeatureMapping is one feature column and what it may hold.
type FeatureMapping struct {
	Column string   `json:"column"`
	Kind   string   `json:"kind"`
	Min    *float64 `json:"min,omitempty"`    // numeric: declared domain
	Max    *float64 `json:"max,omitempty"`    // numeric: declared domain
	Values []string `json:"values,omitempty"` // categorical: the allowed values
}

// ModelMapping narrows the table to what one model logs: its task and the
// features and sensitive attributes it has, in its own order (other
// models' columns are NULL in its rows). A list left out (null) takes the
// table's; an empty list means none.
type ModelMapping struct {
	ID        string      `json:"id"`
	Task      engine.Task `json:"task,omitempty"`
	Threshold float64     `json:"threshold,omitempty"`
	Classes   []string    `json:"classes,omitempty"`
	Features  []string    `json:"features"`
	Sensitive []string    `json:"sensitive"`
}

// maxFeatures bounds the features of one model: each is a column of the
// scan and a set of bins in every window.
const maxFeatures = 200

// identifier is what a mapped name may look like before it is checked
// against the table's real columns: printable, no quotes or NUL, so even
// an unchecked name could not leave its quotes.
var identifier = regexp.MustCompile(`^[^"'` + "`" + `\\\x00-\x1f]{1,128}$`)

// Check validates the mapping on its own (the store checks the names
// against the table's columns when it connects); errors name the jsonData
// field under field.
func (m *Mapping) Check(field string) []error {
	var errs []error
	bad := func(name, problem string) {
		errs = append(errs, catalog.FieldError{Field: field + "." + name, Problem: problem})
	}
	name := func(setting, v string, required bool) {
		switch {
		case v == "" && required:
			bad(setting, "is empty: name the column of the predictions table")
		case v != "" && !identifier.MatchString(v):
			bad(setting, fmt.Sprintf("%s is not a column name: use the name as the table has it, without quotes", fault.Echo(v)))
		}
	}
	switch parts := strings.Split(m.Table, "."); {
	case strings.TrimSpace(m.Table) == "":
		bad("table", "is empty: name the table or view of predictions (schema.table or table)")
	case len(parts) > 2:
		bad("table", fmt.Sprintf("%s has more than one dot: use schema.table (or database.table) or table", fault.Echo(m.Table)))
	default:
		for _, p := range parts {
			if !identifier.MatchString(p) {
				bad("table", fmt.Sprintf("%s is not a table name: use the name as the database has it, without quotes", fault.Echo(m.Table)))
				break
			}
		}
	}
	name("timeColumn", m.TimeColumn, true)
	name("modelColumn", m.ModelColumn, true)
	name("versionColumn", m.VersionColumn, false)
	name("requestIdColumn", m.RequestIDColumn, false)
	name("scoreColumn", m.ScoreColumn, false)
	name("predictionColumn", m.PredictionColumn, false)
	name("labelColumn", m.LabelColumn, false)
	errs = append(errs, checkTask(field, m.Task, m.Threshold, m.Classes)...)
	// The output column every task in use reads: the table's task (models
	// without an entry take it) and each entry's.
	tasks := map[engine.Task]bool{m.modelMapping("").Task: true}
	for _, mm := range m.Models {
		tasks[m.modelMapping(mm.ID).Task] = true
	}
	if tasks[engine.TaskBinary] && m.ScoreColumn == "" {
		bad("scoreColumn", "is empty: a binary model's score (P(y=1)) is read from it")
	}
	if (tasks[engine.TaskMulticlass] || tasks[engine.TaskRegression]) && m.PredictionColumn == "" {
		bad("predictionColumn", "is empty: a multiclass model's class or a regression model's value is read from it")
	}
	if len(m.Features) > maxFeatures {
		bad("features", fmt.Sprintf("has %d features, more than %d: map the features you monitor", len(m.Features), maxFeatures))
	}
	seen := map[string]bool{}
	for i, f := range m.Features {
		at := fmt.Sprintf("features[%d]", i)
		name(at+".column", f.Column, true)
		if seen[f.Column] {
			bad(at+".column", fault.Echo(f.Column)+" is mapped twice: map each column once")
		}
		seen[f.Column] = true
		switch f.Kind {
		case KindNumeric:
			if len(f.Values) > 0 {
				bad(at+".values", "lists allowed values of a numeric feature: use min and max, or make it categorical")
			}
			if f.Min != nil && f.Max != nil && *f.Min > *f.Max {
				bad(at+".min", fmt.Sprintf("%g is above max %g: swap them", *f.Min, *f.Max))
			}
			for _, b := range []*float64{f.Min, f.Max} {
				if b != nil && (math.IsNaN(*b) || math.IsInf(*b, 0)) {
					bad(at+".min", "min and max must be finite numbers")
				}
			}
		case KindCategorical:
			if f.Min != nil || f.Max != nil {
				bad(at+".min", "bounds a categorical feature: list its allowed values, or make it numeric")
			}
		default:
			bad(at+".kind", fmt.Sprintf("%s is not a feature kind: use numeric or categorical", fault.Echo(f.Kind)))
		}
	}
	for i, s := range m.Sensitive {
		name(fmt.Sprintf("sensitive[%d]", i), s, true)
	}
	ids := map[string]bool{}
	for i, mm := range m.Models {
		at := fmt.Sprintf("models[%d]", i)
		switch {
		case !catalog.ValidID(mm.ID):
			bad(at+".id", "must be the model id as the model column holds it: lowercase letters, digits, '.', '_' or '-' (got "+fault.Echo(mm.ID)+")")
		case ids[mm.ID]:
			bad(at+".id", fault.Echo(mm.ID)+" has two entries: keep one")
		}
		ids[mm.ID] = true
		errs = append(errs, checkTask(field+"."+at, mm.Task, mm.Threshold, mm.Classes)...)
		for j, f := range mm.Features {
			if !seen[f] {
				bad(fmt.Sprintf("%s.features[%d]", at, j), fault.Echo(f)+" is not a mapped feature: add it to features first")
			}
		}
		for j, s := range mm.Sensitive {
			if !contains(m.Sensitive, s) {
				bad(fmt.Sprintf("%s.sensitive[%d]", at, j), fault.Echo(s)+" is not a mapped sensitive attribute: add it to sensitive first")
			}
		}
	}
	return errs
}

func checkTask(field string, task engine.Task, threshold float64, classes []string) []error {
	var errs []error
	switch task {
	case "", engine.TaskBinary, engine.TaskRegression:
	case engine.TaskMulticlass:
		if len(classes) < 2 {
			errs = append(errs, catalog.FieldError{Field: field + ".classes", Problem: "lists fewer than two classes: a multiclass model needs its class names as the prediction column holds them"})
		}
	default:
		errs = append(errs, catalog.FieldError{Field: field + ".task", Problem: fmt.Sprintf("%s is not a task: use binary, multiclass or regression", fault.Echo(string(task)))})
	}
	if threshold < 0 || threshold > 1 || math.IsNaN(threshold) {
		errs = append(errs, catalog.FieldError{Field: field + ".threshold", Problem: fmt.Sprintf("%g is not a probability: use a threshold between 0 and 1", threshold)})
	}
	return errs
}

func contains(list []string, v string) bool {
	for _, x := range list {
		if x == v {
			return true
		}
	}
	return false
}
