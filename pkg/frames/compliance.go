package frames

import (
	"time"

	"github.com/grafana/grafana-plugin-sdk-go/data"

	"github.com/aiperf/monitor/pkg/engine"
)

// InventoryRow is one model of the compliance inventory.
type InventoryRow struct {
	Model, Name, Owner, RiskClass, Version, Task, IntendedPurpose string
	FairnessStatus                                                string        // pass, fail, not assessed
	AuditCoverage                                                 engine.Metric // share of predictions logged with request id, version and inputs; undefined when nothing counts them
	AuditMeasuredBy                                               string
	RetentionDays                                                 int64
	RetentionStatus                                               string        // compliant, too short, not declared
	RowsPastRetention                                             engine.Metric // predictions held past the policy; undefined when nothing counts them
	Origin                                                        string        // settings, registry, settings over registry
	FromRegistry                                                  string        // the fields the registry filled
}

// Inventory builds the inventory frame.
func Inventory(rows []InventoryRow, executed string) *data.Frame {
	n := len(rows)
	model, name, owner, risk := make([]string, n), make([]string, n), make([]string, n), make([]string, n)
	version, task, fairness, retention := make([]string, n), make([]string, n), make([]string, n), make([]string, n)
	coverage, days, past := make([]*float64, n), make([]int64, n), make([]*float64, n)
	purpose, auditBy, origin, filled := make([]string, n), make([]string, n), make([]string, n), make([]string, n)
	for i, r := range rows {
		model[i], name[i], owner[i], risk[i] = r.Model, r.Name, r.Owner, r.RiskClass
		version[i], task[i], fairness[i], retention[i] = r.Version, r.Task, r.FairnessStatus, r.RetentionStatus
		coverage[i], days[i], past[i] = r.AuditCoverage.Ptr(), r.RetentionDays, r.RowsPastRetention.Ptr()
		purpose[i], auditBy[i], origin[i], filled[i] = r.IntendedPurpose, r.AuditMeasuredBy, r.Origin, r.FromRegistry
	}
	return New("inventory", executed,
		ValueField("model", "Model ID", "", model),
		ValueField("name", "Model", "", name),
		ValueField("owner", "Owner", "", owner),
		ValueField("riskClass", "Risk class", "", risk),
		ValueField("version", "Version", "", version),
		ValueField("task", "Task", "", task),
		ValueField("fairnessStatus", "Fairness", "", fairness),
		ValueField("auditCoverage", "Audit coverage", UnitPercentUnit, coverage),
		ValueField("retentionDays", "Retention", "d", days),
		ValueField("retentionStatus", "Retention status", "", retention),
		ValueField("rowsPastRetention", "Rows past retention", UnitNone, past),
		ValueField("auditMeasuredBy", "Audit measured by", "", auditBy),
		ValueField("intendedPurpose", "Intended purpose", "", purpose),
		ValueField("origin", "Facts from", "", origin),
		ValueField("fromRegistry", "Fields from the registry", "", filled),
	)
}

// RegulationRow is one entry of the compliance register.
type RegulationRow struct {
	Regulation, Scope, Owner, Status string
	LastReview, NextReview           *time.Time // nil when not recorded
}

// Regulations builds the regulations frame.
func Regulations(rows []RegulationRow, executed string) *data.Frame {
	n := len(rows)
	regulation, scope, owner, status := make([]string, n), make([]string, n), make([]string, n), make([]string, n)
	last, next := make([]*time.Time, n), make([]*time.Time, n)
	for i, r := range rows {
		regulation[i], scope[i], owner[i], status[i] = r.Regulation, r.Scope, r.Owner, r.Status
		last[i], next[i] = r.LastReview, r.NextReview
	}
	return New("regulations", executed,
		ValueField("regulation", "Regulation", "", regulation),
		ValueField("scope", "Scope", "", scope),
		ValueField("owner", "Owner", "", owner),
		ValueField("status", "Status", "", status),
		ValueField("lastReview", "Last review", "", last),
		ValueField("nextReview", "Next review", "", next),
	)
}
