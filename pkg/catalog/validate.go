package catalog

import (
	"fmt"
	"regexp"
	"time"

	"github.com/aiperf/monitor/pkg/fault"
)

// FieldError names a jsonData field, what is wrong with it and how to fix it.
type FieldError struct {
	Field   string
	Problem string
}

func (e FieldError) Error() string {
	return fmt.Sprintf("jsonData.%s: %s; fix it in the data source settings", e.Field, e.Problem)
}

var currencyCode = regexp.MustCompile(`^[A-Z]{3}$`)

var modelID = regexp.MustCompile(`^[a-z0-9][a-z0-9._-]{0,62}$`)

// ValidID reports whether id is a valid model or feed id: lowercase
// letters, digits, '.', '_' or '-', at most 63 characters.
func ValidID(id string) bool { return modelID.MatchString(id) }

// Validate returns every invalid field of the catalog.
func (c *Catalog) Validate() []FieldError {
	var errs []FieldError
	seen := map[string]bool{}
	for i, m := range c.Models {
		at := fmt.Sprintf("models[%d]", i)
		switch {
		case !modelID.MatchString(m.ID):
			errs = append(errs, FieldError{at + ".id", "must be lowercase letters, digits, '.', '_' or '-' (got " + fault.Echo(m.ID) + ")"})
		case seen[m.ID]:
			errs = append(errs, FieldError{at + ".id", fault.Echo(m.ID) + " is declared twice"})
		}
		seen[m.ID] = true
		if m.Task != "" && m.Task != "binary" && m.Task != "multiclass" && m.Task != "regression" {
			errs = append(errs, FieldError{at + ".task", "must be binary, multiclass or regression (got " + fault.Echo(m.Task) + ")"})
		}
		for _, v := range []struct {
			name  string
			value float64
		}{{"businessValuePerMonth", m.BusinessValuePerMonth}, {"budgetPerMonth", m.BudgetPerMonth}, {"retentionDays", float64(m.RetentionDays)}, {"baselineDays", float64(m.BaselineDays)},
			{"labelDelayHours", m.LabelDelayHours}, {"expectedGapMinutes", m.ExpectedGapMinutes}} {
			if v.value < 0 {
				errs = append(errs, FieldError{at + "." + v.name, fmt.Sprintf("must be ≥ 0 (got %v)", v.value)})
			}
		}
		if _, err := time.Parse(time.DateOnly, m.BaselineEnd); m.BaselineEnd != "" && err != nil {
			errs = append(errs, FieldError{at + ".baselineEnd", "must be a date YYYY-MM-DD (got " + fault.Echo(m.BaselineEnd) + ")"})
		}
		errs = append(errs, m.Targets.validate(at+".targets")...)
	}
	errs = append(errs, c.Targets.validate("targets")...)
	if c.MonthlyBudget < 0 {
		errs = append(errs, FieldError{"monthlyBudget", fmt.Sprintf("must be ≥ 0 (got %v)", c.MonthlyBudget)})
	}
	if c.Currency != "" && !currencyCode.MatchString(c.Currency) {
		errs = append(errs, FieldError{"currency", "must be an ISO 4217 code in capitals such as USD or EUR (got " + fault.Echo(c.Currency) + ")"})
	}
	for i, r := range c.Regulations {
		at := fmt.Sprintf("regulations[%d]", i)
		if r.Regulation == "" {
			errs = append(errs, FieldError{at + ".regulation", "is empty: name the regulation"})
		}
		for _, d := range []struct{ name, value string }{{"lastReview", r.LastReview}, {"nextReview", r.NextReview}} {
			if _, err := time.Parse(time.DateOnly, d.value); d.value != "" && err != nil {
				errs = append(errs, FieldError{at + "." + d.name, "must be a date YYYY-MM-DD (got " + fault.Echo(d.value) + ")"})
			}
		}
	}
	return errs
}

func (t Targets) validate(at string) []FieldError {
	var errs []FieldError
	check := func(name string, v float64, ratio bool) {
		switch {
		case v < 0:
			errs = append(errs, FieldError{at + "." + name, fmt.Sprintf("must be > 0 (got %v)", v)})
		case ratio && v > 1:
			errs = append(errs, FieldError{at + "." + name, fmt.Sprintf("is a ratio between 0 and 1 (got %v; write 0.995 for 99.5%%)", v)})
		}
	}
	check("accuracyDropAlert", t.AccuracyDropAlert, true)
	check("p95LatencyMs", t.P95LatencyMs, false)
	check("uptime", t.Uptime, true)
	check("mttrMinutes", t.MTTRMinutes, false)
	check("costPerPrediction", t.CostPerPrediction, false)
	check("fairnessGap", t.FairnessGap, true)
	check("errorRate", t.ErrorRate, true)
	check("utilisation", t.Utilisation, true)
	return errs
}
