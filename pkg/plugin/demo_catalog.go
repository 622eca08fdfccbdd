package plugin

import (
	"github.com/aiperf/monitor/pkg/catalog"
	"github.com/aiperf/monitor/pkg/sources/demo"
)

// demoCatalog declares the demo fleet's models, keeping any fleet-wide targets,
// budget and register the user declared, and an example register otherwise.
func demoCatalog(declared catalog.Catalog) catalog.Catalog {
	c := declared
	for _, m := range demo.Models() {
		c.Models = append(c.Models, catalog.Model{
			ID: m.ID, Name: m.Name, Owner: m.Owner, RiskClass: m.RiskClass, Version: m.Version,
			Task: string(m.Task), PrimaryMetric: m.PrimaryMetric, BusinessValuePerMonth: m.BusinessValuePerMonth,
			BudgetPerMonth: m.BusinessValuePerMonth / 10, RetentionDays: 365,
			Targets: catalog.Targets{P95LatencyMs: m.LatencyTargetP95Ms},
		})
	}
	if c.MonthlyBudget == 0 {
		c.MonthlyBudget = 60000
	}
	if len(c.Regulations) == 0 {
		c.Regulations = demoRegister
	}
	return c
}

// demoRegister is an example compliance register for the demo fleet.
var demoRegister = []catalog.Regulation{
	{Regulation: "EU AI Act", Scope: "High-risk models (credit scoring)", Owner: "Compliance", Status: "In progress", LastReview: "2026-09-15", NextReview: "2027-03-15"},
	{Regulation: "GDPR", Scope: "All models processing personal data", Owner: "Data Protection Officer", Status: "Compliant", LastReview: "2026-06-01", NextReview: "2026-12-01"},
	{Regulation: "ISO/IEC 42001", Scope: "AI management system", Owner: "AI Governance", Status: "Planned", LastReview: "2026-04-20", NextReview: "2027-04-20"},
	{Regulation: "NIST AI RMF", Scope: "Model risk management", Owner: "Risk", Status: "Compliant", LastReview: "2026-08-10", NextReview: "2027-02-10"},
}
