package logstore

import (
	"fmt"
	"slices"
	"strings"

	"github.com/aiperf/monitor/pkg/catalog"
	"github.com/aiperf/monitor/pkg/engine"
	"github.com/aiperf/monitor/pkg/fault"
)

// Class is what a column's database type can hold, as far as the
// summaries care.
type Class string

const (
	ClassFloat   Class = "float"   // real, double, numeric/decimal
	ClassInteger Class = "integer" // any integer width
	ClassText    Class = "text"    // text, varchar, char, String, Enum…
	ClassBool    Class = "boolean"
	ClassTime    Class = "time" // timestamp with or without time zone, DateTime
	ClassOther   Class = "other"
)

// Column is one column of the predictions table as the database describes it.
type Column struct {
	Name     string `json:"name"`
	Type     string `json:"type"` // the database's own type name
	Class    Class  `json:"class"`
	Nullable bool   `json:"nullable"`
}

// Table is a model's view of the predictions table: the schema the engine
// sees and, aligned with it, the checked columns the SQL reads.
type Table struct {
	Schema      engine.Schema
	Time, Model Column
	Version     *Column // nil when not mapped
	RequestID   *Column
	Output      *Column // binary: the score; multiclass and regression: the prediction
	Label       *Column // nil: no labels are logged
	Numeric     []Column
	Categorical []Column
	Sensitive   []Column
}

// accepted lists the classes each role of a column may have.
var (
	numberClasses   = []Class{ClassFloat, ClassInteger}
	valueClasses    = []Class{ClassText, ClassInteger, ClassBool}
	binaryLabels    = []Class{ClassFloat, ClassInteger, ClassBool}
	multiclassTerms = []Class{ClassText, ClassInteger}
	anyClass        = []Class{ClassFloat, ClassInteger, ClassText, ClassBool, ClassTime, ClassOther}
)

// Resolve checks the mapping against the table's columns and builds the
// model's table: every name the SQL will quote is one the database listed,
// with a type the summaries can read. Errors name the setting to fix.
func (m *Mapping) Resolve(field string, columns []Column, model string) (*Table, error) {
	byName := make(map[string]Column, len(columns))
	for _, c := range columns {
		byName[c.Name] = c
	}
	var errs []error
	pick := func(setting, name string, want []Class, what string) *Column {
		if name == "" {
			return nil
		}
		c, ok := byName[name]
		if !ok {
			errs = append(errs, catalog.FieldError{Field: field + "." + setting, Problem: fmt.Sprintf("%s is not a column of %s%s: pick one the table has (the editor lists them)", fault.Echo(name), fault.Echo(m.Table), near(name, columns))})
			return nil
		}
		if !slices.Contains(want, c.Class) {
			errs = append(errs, catalog.FieldError{Field: field + "." + setting, Problem: fmt.Sprintf("column %s is %s, but %s needs %s: map another column, or cast it in a view", fault.Echo(name), c.Type, what, classList(want))})
			return nil
		}
		return &c
	}
	mm := m.modelMapping(model)
	t := &Table{Schema: engine.Schema{Task: mm.Task, Threshold: mm.Threshold, Classes: mm.Classes, Domains: map[string]engine.Domain{}}}
	if c := pick("timeColumn", m.TimeColumn, []Class{ClassTime}, "the time column"); c != nil {
		t.Time = *c
	}
	if c := pick("modelColumn", m.ModelColumn, []Class{ClassText}, "the model column"); c != nil {
		t.Model = *c
	}
	t.Version = pick("versionColumn", m.VersionColumn, anyClass, "the model version")
	t.RequestID = pick("requestIdColumn", m.RequestIDColumn, anyClass, "the request id")
	switch t.Schema.Task {
	case engine.TaskBinary:
		t.Schema.Classes = []string{"0", "1"}
		t.Output = m.required(&errs, field, "scoreColumn", m.ScoreColumn, "a binary model's score (P(y=1))", pick, numberClasses)
		t.Label = pick("labelColumn", m.LabelColumn, binaryLabels, "a binary model's label")
	case engine.TaskMulticlass:
		t.Output = m.required(&errs, field, "predictionColumn", m.PredictionColumn, "a multiclass model's predicted class", pick, multiclassTerms)
		t.Label = pick("labelColumn", m.LabelColumn, multiclassTerms, "a multiclass model's label")
	case engine.TaskRegression:
		t.Output = m.required(&errs, field, "predictionColumn", m.PredictionColumn, "a regression model's prediction", pick, numberClasses)
		t.Label = pick("labelColumn", m.LabelColumn, numberClasses, "a regression model's target")
	}
	for _, i := range m.featureOrder(mm) {
		f := m.Features[i]
		setting := fmt.Sprintf("features[%d].column", i)
		if f.Kind == KindNumeric {
			if c := pick(setting, f.Column, numberClasses, "a numeric feature"); c != nil {
				t.Numeric = append(t.Numeric, *c)
				t.Schema.Numeric = append(t.Schema.Numeric, f.Column)
				if f.Min != nil || f.Max != nil {
					t.Schema.Domains[f.Column] = engine.Domain{Min: f.Min, Max: f.Max}
				}
			}
			continue
		}
		if c := pick(setting, f.Column, valueClasses, "a categorical feature"); c != nil {
			t.Categorical = append(t.Categorical, *c)
			t.Schema.Categorical = append(t.Schema.Categorical, f.Column)
			if len(f.Values) > 0 {
				t.Schema.Domains[f.Column] = engine.Domain{Values: f.Values}
			}
		}
	}
	sensitive := mm.Sensitive
	if sensitive == nil {
		sensitive = m.Sensitive
	}
	for _, s := range sensitive {
		i := slices.Index(m.Sensitive, s)
		if c := pick(fmt.Sprintf("sensitive[%d]", i), s, valueClasses, "a sensitive attribute"); c != nil {
			t.Sensitive = append(t.Sensitive, *c)
			t.Schema.Sensitive = append(t.Schema.Sensitive, s)
		}
	}
	if len(errs) > 0 {
		return nil, fault.JoinLimited(errs)
	}
	return t, nil
}

// featureOrder lists the indexes of the model's features in m.Features,
// in the model entry's order when it has a list.
func (m *Mapping) featureOrder(mm ModelMapping) []int {
	var out []int
	if mm.Features == nil {
		for i := range m.Features {
			out = append(out, i)
		}
		return out
	}
	for _, name := range mm.Features {
		if i := slices.IndexFunc(m.Features, func(f FeatureMapping) bool { return f.Column == name }); i >= 0 {
			out = append(out, i)
		}
	}
	return out
}

// required picks a column the model's task cannot do without.
func (m *Mapping) required(errs *[]error, field, setting, name, what string, pick func(string, string, []Class, string) *Column, want []Class) *Column {
	if name == "" {
		*errs = append(*errs, catalog.FieldError{Field: field + "." + setting, Problem: "is empty: " + what + " is read from it"})
		return nil
	}
	return pick(setting, name, want, what)
}

// modelMapping is the model's own entry over the table's defaults.
func (m *Mapping) modelMapping(model string) ModelMapping {
	mm := ModelMapping{ID: model}
	for _, e := range m.Models {
		if e.ID == model {
			mm = e
		}
	}
	if mm.Task == "" {
		mm.Task = m.Task
	}
	if mm.Task == "" {
		mm.Task = engine.TaskBinary
	}
	if mm.Threshold == 0 {
		mm.Threshold = m.Threshold
	}
	if mm.Threshold == 0 {
		mm.Threshold = 0.5
	}
	if len(mm.Classes) == 0 {
		mm.Classes = m.Classes
	}
	return mm
}

// Columns lists every column the mapping names, once, in mapping order:
// what a preview shows.
func (m *Mapping) Columns() []string {
	var out []string
	add := func(c string) {
		if c != "" && !slices.Contains(out, c) {
			out = append(out, c)
		}
	}
	for _, c := range []string{m.TimeColumn, m.ModelColumn, m.VersionColumn, m.RequestIDColumn, m.ScoreColumn, m.PredictionColumn, m.LabelColumn} {
		add(c)
	}
	for _, f := range m.Features {
		add(f.Column)
	}
	for _, s := range m.Sensitive {
		add(s)
	}
	return out
}

// ResolveAll checks the mapping's defaults and every model it names
// against the table's columns: what the health check confirms.
func (m *Mapping) ResolveAll(field string, columns []Column) error {
	models := []string{""}
	for _, mm := range m.Models {
		models = append(models, mm.ID)
	}
	for _, model := range models {
		if _, err := m.Resolve(field, columns, model); err != nil {
			return err
		}
	}
	return nil
}

// Present splits the mapped columns (Columns) into those the table has,
// as it describes them, and the names it lacks.
func (m *Mapping) Present(columns []Column) (present []Column, missing []string) {
	byName := map[string]Column{}
	for _, c := range columns {
		byName[c.Name] = c
	}
	for _, name := range m.Columns() {
		if c, ok := byName[name]; ok {
			present = append(present, c)
		} else {
			missing = append(missing, name)
		}
	}
	return present, missing
}

func classList(classes []Class) string {
	names := make([]string, len(classes))
	for i, c := range classes {
		names[i] = string(c)
	}
	return "a " + strings.Join(names, " or ") + " column"
}

// near suggests the column whose name differs from name only in case.
func near(name string, columns []Column) string {
	for _, c := range columns {
		if strings.EqualFold(c.Name, name) {
			return fmt.Sprintf(" (did you mean %s? names are case-sensitive)", fault.Echo(c.Name))
		}
	}
	return ""
}

// Matches checks that a baseline was profiled on the model's current
// mapping: its bins are aligned with the features the scan reads.
func Matches(t *Table, b *engine.Baseline) error {
	if b == nil {
		return fmt.Errorf("no baseline to bin with")
	}
	same := b.Schema.Task == t.Schema.Task && len(b.Numeric) == len(t.Numeric) && len(b.Categorical) == len(t.Categorical)
	for i := 0; same && i < len(b.Numeric); i++ {
		same = b.Numeric[i].Name == t.Numeric[i].Name
	}
	for i := 0; same && i < len(b.Categorical); i++ {
		same = b.Categorical[i].Name == t.Categorical[i].Name
	}
	if !same || len(b.Schema.Sensitive) != len(t.Sensitive) {
		return fault.Userf("the baseline was profiled with another column mapping: reload the dashboard to profile it again")
	}
	return nil
}
