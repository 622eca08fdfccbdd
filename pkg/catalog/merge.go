package catalog

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
	known := make(map[string]Model, len(registry))
	for _, m := range registry {
		known[m.ID] = m
	}
	for _, m := range c.Models {
		if r, ok := known[m.ID]; ok {
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
		RetentionDays: integer(m.RetentionDays, r.RetentionDays), Targets: m.Targets.Or(r.Targets),
	}
}
