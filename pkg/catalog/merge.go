package catalog

import (
	"reflect"
	"strings"
)

// Origin says where a model's declared facts came from.
type Origin string

const (
	OriginSettings Origin = "settings" // the data source's jsonData
	OriginRegistry Origin = "registry" // a model registry connector
	OriginBoth     Origin = "settings over registry"
)

// WithRegistry merges the models a registry knows under the declared ones:
// a declared field wins over the registry's, a model only one side knows is
// kept as it is. The result lists declared models first, in their order,
// then registry-only models in the registry's order.
func (c Catalog) WithRegistry(registry []Model) Catalog {
	out := c
	out.Models = make([]Model, 0, len(c.Models)+len(registry))
	out.Origins = make(map[string]Origin, len(c.Models)+len(registry))
	out.FromRegistry = make(map[string][]string, len(registry))
	known := make(map[string]Model, len(registry))
	for _, m := range registry {
		known[m.ID] = m
	}
	for _, m := range c.Models {
		if r, ok := known[m.ID]; ok {
			out.FromRegistry[m.ID] = filledFields(reflect.ValueOf(m), reflect.ValueOf(r), "")
			m = m.over(r)
			out.Origins[m.ID] = OriginBoth
			delete(known, m.ID)
		} else {
			out.Origins[m.ID] = OriginSettings
		}
		out.Models = append(out.Models, m)
	}
	for _, m := range registry {
		if _, ok := known[m.ID]; ok {
			out.Models = append(out.Models, m)
			out.Origins[m.ID] = OriginRegistry
		}
	}
	return out
}

// over fills every unset field of m from r.
func (m Model) over(r Model) Model {
	str := func(v, d string) string {
		if v != "" {
			return v
		}
		return d
	}
	num := func(v, d float64) float64 {
		if v != 0 {
			return v
		}
		return d
	}
	integer := func(v, d int) int {
		if v != 0 {
			return v
		}
		return d
	}
	return Model{
		ID: m.ID, Name: str(m.Name, r.Name), Owner: str(m.Owner, r.Owner), RiskClass: str(m.RiskClass, r.RiskClass),
		Version: str(m.Version, r.Version), Task: str(m.Task, r.Task), PrimaryMetric: str(m.PrimaryMetric, r.PrimaryMetric),
		BaselineDays: integer(m.BaselineDays, r.BaselineDays), BaselineEnd: str(m.BaselineEnd, r.BaselineEnd),
		LabelDelayHours: num(m.LabelDelayHours, r.LabelDelayHours), ExpectedGapMinutes: num(m.ExpectedGapMinutes, r.ExpectedGapMinutes),
		BusinessValuePerMonth: num(m.BusinessValuePerMonth, r.BusinessValuePerMonth), BudgetPerMonth: num(m.BudgetPerMonth, r.BudgetPerMonth),
		RetentionDays: integer(m.RetentionDays, r.RetentionDays), IntendedPurpose: str(m.IntendedPurpose, r.IntendedPurpose),
		Description: str(m.Description, r.Description), Targets: m.Targets.Or(r.Targets), Registry: r.Registry,
	}
}

// filledFields names the jsonData fields (nested ones as "targets.uptime")
// that are unset in declared and set in registry: those the merge takes
// from the registry.
func filledFields(declared, registry reflect.Value, prefix string) []string {
	var out []string
	for i := range declared.NumField() {
		name, _, _ := strings.Cut(declared.Type().Field(i).Tag.Get("json"), ",")
		if name == "" || name == "-" || name == "id" {
			continue
		}
		d, r := declared.Field(i), registry.Field(i)
		if d.Kind() == reflect.Struct {
			out = append(out, filledFields(d, r, prefix+name+".")...)
			continue
		}
		if d.IsZero() && !r.IsZero() {
			out = append(out, prefix+name)
		}
	}
	return out
}
