// Package catalog holds the declared facts of DESIGN.md "Declared vs
// measured": the model catalog, targets, budgets and the compliance register.
// They live in the data source's jsonData, so pages and alert rules see the
// same numbers; JSON tags are the jsonData field names.
package catalog

// Targets are the objectives a model is held to. Zero values take Defaults.
type Targets struct {
	AccuracyDropAlert float64 `json:"accuracyDropAlert,omitempty"` // ratio vs baseline, 0.05
	P95LatencyMs      float64 `json:"p95LatencyMs,omitempty"`      // 200
	Uptime            float64 `json:"uptime,omitempty"`            // ratio, 0.995
	MTTRMinutes       float64 `json:"mttrMinutes,omitempty"`       // 30
	CostPerPrediction float64 `json:"costPerPrediction,omitempty"` // in the catalog's currency, 0.005
	FairnessGap       float64 `json:"fairnessGap,omitempty"`       // 0.05
	ErrorRate         float64 `json:"errorRate,omitempty"`         // ratio, 0.01
	Utilisation       float64 `json:"utilisation,omitempty"`       // ratio, 0.8
}

// Defaults are the seed documents' objectives.
var Defaults = Targets{
	AccuracyDropAlert: 0.05, P95LatencyMs: 200, Uptime: 0.995, MTTRMinutes: 30,
	CostPerPrediction: 0.005, FairnessGap: 0.05, ErrorRate: 0.01, Utilisation: 0.8,
}

// Model is one declared model.
type Model struct {
	ID                    string  `json:"id"`
	Name                  string  `json:"name,omitempty"`
	Owner                 string  `json:"owner,omitempty"`
	RiskClass             string  `json:"riskClass,omitempty"`
	Version               string  `json:"version,omitempty"`
	Task                  string  `json:"task,omitempty"`
	PrimaryMetric         string  `json:"primaryMetric,omitempty"`
	BaselineDays          int     `json:"baselineDays,omitempty"` // length of the reference window; DefaultBaselineDays when 0
	BaselineEnd           string  `json:"baselineEnd,omitempty"`  // YYYY-MM-DD, exclusive; empty: the days before the range (rolling)
	LabelDelayHours       float64 `json:"labelDelayHours,omitempty"`
	ExpectedGapMinutes    float64 `json:"expectedGapMinutes,omitempty"` // longest normal pause between predictions
	BusinessValuePerMonth float64 `json:"businessValuePerMonth,omitempty"`
	BudgetPerMonth        float64 `json:"budgetPerMonth,omitempty"`
	RetentionDays         int     `json:"retentionDays,omitempty"`
	IntendedPurpose       string  `json:"intendedPurpose,omitempty"` // what the model is for (EU AI Act Art. 11 technical documentation)
	Description           string  `json:"description,omitempty"`
	Targets               Targets `json:"targets,omitempty"`
	// Registry holds what a model registry says beyond the declared fields;
	// nil when no registry knows the model.
	Registry *RegistryFacts `json:"-"`
}

// Defaults of the per-model declarations.
const (
	DefaultBaselineDays       = 7
	DefaultExpectedGapMinutes = 60
)

// Regulation is one entry of the compliance register.
type Regulation struct {
	Regulation string `json:"regulation"`
	Scope      string `json:"scope,omitempty"`
	Owner      string `json:"owner,omitempty"`
	Status     string `json:"status,omitempty"`
	LastReview string `json:"lastReview,omitempty"` // YYYY-MM-DD
	NextReview string `json:"nextReview,omitempty"` // YYYY-MM-DD
}

// Catalog is everything declared about the fleet.
type Catalog struct {
	Models        []Model `json:"models,omitempty"`
	Targets       Targets `json:"targets,omitempty"`       // fleet-wide; a model's own targets win
	MonthlyBudget float64 `json:"monthlyBudget,omitempty"` // for the whole fleet, in Currency
	// Currency is the ISO 4217 code of every declared amount (budgets,
	// business values, the cost-per-prediction target); DefaultCurrency
	// when empty. Bills in another currency are never compared with them.
	Currency    string       `json:"currency,omitempty"`
	Regulations []Regulation `json:"regulations,omitempty"`
	// Origins says, per model id, where its facts came from (after WithRegistry).
	Origins map[string]Origin `json:"-"`
	// FromRegistry lists, per model both sides know, the jsonData fields
	// whose values came from the registry because the settings leave them
	// unset (a registry-only model's origin already says all of them did).
	FromRegistry map[string][]string `json:"-"`
}

// DefaultCurrency is the currency of declared amounts when none is named.
const DefaultCurrency = "USD"

// DeclaredCurrency is the currency of the declared amounts.
func (c *Catalog) DeclaredCurrency() string {
	if c.Currency == "" {
		return DefaultCurrency
	}
	return c.Currency
}

// Model returns the declared model with that id.
func (c *Catalog) Model(id string) (Model, bool) {
	for _, m := range c.Models {
		if m.ID == id {
			return m, true
		}
	}
	return Model{}, false
}

// TargetsFor merges a model's targets over the fleet's over the defaults.
func (c *Catalog) TargetsFor(id string) Targets {
	t := c.Targets.Or(Defaults)
	if m, ok := c.Model(id); ok {
		t = m.Targets.Or(t)
	}
	return t
}

// Or fills every unset target from fallback.
func (t Targets) Or(fallback Targets) Targets {
	pick := func(v, d float64) float64 {
		if v > 0 {
			return v
		}
		return d
	}
	return Targets{
		AccuracyDropAlert: pick(t.AccuracyDropAlert, fallback.AccuracyDropAlert),
		P95LatencyMs:      pick(t.P95LatencyMs, fallback.P95LatencyMs),
		Uptime:            pick(t.Uptime, fallback.Uptime),
		MTTRMinutes:       pick(t.MTTRMinutes, fallback.MTTRMinutes),
		CostPerPrediction: pick(t.CostPerPrediction, fallback.CostPerPrediction),
		FairnessGap:       pick(t.FairnessGap, fallback.FairnessGap),
		ErrorRate:         pick(t.ErrorRate, fallback.ErrorRate),
		Utilisation:       pick(t.Utilisation, fallback.Utilisation),
	}
}
