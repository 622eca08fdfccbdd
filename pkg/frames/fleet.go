package frames

import (
	"time"

	"github.com/grafana/grafana-plugin-sdk-go/data"

	"github.com/aiperf/monitor/pkg/engine"
)

// FleetHealthRow is one model's line of the fleetHealth frame.
type FleetHealthRow struct {
	Model, Name, Status, Severity string
	HealthScore                   engine.Metric // 0..100
	SLAAttainment                 engine.Metric // share of serving objectives met, 0..1
	LastIssue, Action             string
	Dimensions                    []engine.NamedMetric // the six dimensions, 0..100, in engine order
	Rule                          string               // the health rule behind the status; empty when none fired
	RuleLink                      string               // Grafana's page of that alert rule, or of the model's rules
}

// FleetHealthDimensions lists the dimension fields in frame order.
var FleetHealthDimensions = []string{
	engine.DimensionModelPerformance, engine.DimensionInfrastructure, engine.DimensionDataQuality,
	engine.DimensionResponseTimeSLA, engine.DimensionCompliance, engine.DimensionCostEfficiency,
}

var dimensionDisplayNames = map[string]string{
	engine.DimensionModelPerformance: "Model performance",
	engine.DimensionInfrastructure:   "Infrastructure",
	engine.DimensionDataQuality:      "Data quality",
	engine.DimensionResponseTimeSLA:  "Response-time SLA",
	engine.DimensionCompliance:       "Security & compliance",
	engine.DimensionCostEfficiency:   "Cost efficiency",
}

// HealthTarget is the health score the pages treat as good.
const HealthTarget = 95

// FleetHealth builds the fleetHealth frame.
func FleetHealth(rows []FleetHealthRow, executed string) *data.Frame {
	n := len(rows)
	model, name, status, severity := make([]string, n), make([]string, n), make([]string, n), make([]string, n)
	score, sla := make([]*float64, n), make([]*float64, n)
	lastIssue, action, rule, ruleLink := make([]string, n), make([]string, n), make([]string, n), make([]string, n)
	dims := make(map[string][]*float64, len(FleetHealthDimensions))
	for _, d := range FleetHealthDimensions {
		dims[d] = make([]*float64, n)
	}
	for i, r := range rows {
		model[i], name[i], status[i], severity[i] = r.Model, r.Name, r.Status, r.Severity
		score[i], sla[i] = r.HealthScore.Ptr(), r.SLAAttainment.Ptr()
		lastIssue[i], action[i], rule[i], ruleLink[i] = r.LastIssue, r.Action, r.Rule, r.RuleLink
		for _, d := range r.Dimensions {
			if values, ok := dims[d.Name]; ok {
				values[i] = d.Ptr()
			}
		}
	}
	scoreField := ValueField("healthScore", "Health score", UnitPercent, score)
	WithThreshold(scoreField, HealthTarget, false)
	fields := []*data.Field{
		ValueField("model", "Model ID", "", model),
		ValueField("name", "Model", "", name),
		ValueField("status", "Status", "", status),
		ValueField("severity", "Severity", "", severity),
		scoreField,
		ValueField("slaAttainment", "SLA objectives met", UnitPercentUnit, sla),
		ValueField("lastIssue", "Last issue", "", lastIssue),
		ValueField("action", "Recommended action", "", action),
		ValueField("rule", "Alert rule", "", rule),
		ValueField("ruleLink", "Alert rule link", "", ruleLink),
	}
	for _, d := range FleetHealthDimensions {
		fields = append(fields, ValueField(d, dimensionDisplayNames[d], UnitPercent, dims[d]))
	}
	return New("fleetHealth", executed, fields...)
}

// HealthTrendPoint is the fleet's health at one time.
type HealthTrendPoint struct {
	Time        time.Time
	HealthScore engine.Metric
	Dimensions  []engine.NamedMetric
}

// HealthTrend builds the wide healthTrend frame: time, healthScore, then the
// six dimensions, labelled by the scope (a model id or the fleet) and the
// dimension so every series is unique for alerting.
func HealthTrend(points []HealthTrendPoint, scope, executed string) *data.Frame {
	n := len(points)
	times, score := make([]time.Time, n), make([]*float64, n)
	dims := make(map[string][]*float64, len(FleetHealthDimensions))
	for _, d := range FleetHealthDimensions {
		dims[d] = make([]*float64, n)
	}
	for i, p := range points {
		times[i], score[i] = p.Time, p.HealthScore.Ptr()
		for _, d := range p.Dimensions {
			if values, ok := dims[d.Name]; ok {
				values[i] = d.Ptr()
			}
		}
	}
	scoreField := ValueField("healthScore", "Health score", UnitPercent, score)
	WithThreshold(WithLabels(scoreField, data.Labels{"model": scope, "dimension": "overall"}), HealthTarget, false)
	fields := []*data.Field{TimeField(times), scoreField}
	for _, d := range FleetHealthDimensions {
		f := ValueField(d, dimensionDisplayNames[d], UnitPercent, dims[d])
		WithThreshold(WithLabels(f, data.Labels{"model": scope, "dimension": d}), HealthTarget, false)
		fields = append(fields, f)
	}
	return NewTimeSeries("healthTrend", executed, fields...)
}

// KPIRow is one key performance indicator against its target.
type KPIRow struct {
	KPI            string
	Value          engine.Metric
	Target         float64
	Unit           string // Grafana unit of value and target
	HigherIsBetter bool
}

// KPIs builds the kpis frame; status is "ok" when the value is on the good
// side of the target (or on it), "breach" otherwise, "" when unmeasured.
func KPIs(rows []KPIRow, executed string) *data.Frame {
	n := len(rows)
	kpi, unit, status, direction := make([]string, n), make([]string, n), make([]string, n), make([]string, n)
	value, target := make([]*float64, n), make([]float64, n)
	for i, r := range rows {
		kpi[i], unit[i], value[i], target[i] = r.KPI, r.Unit, r.Value.Ptr(), r.Target
		direction[i] = "below"
		if r.HigherIsBetter {
			direction[i] = "above"
		}
		if r.Value.OK {
			good := r.Value.Value <= r.Target
			if r.HigherIsBetter {
				good = r.Value.Value >= r.Target
			}
			status[i] = "breach"
			if good {
				status[i] = "ok"
			}
		}
	}
	return New("kpis", executed,
		ValueField("kpi", "KPI", "", kpi),
		ValueField("value", "Value", "", value),
		ValueField("target", "Target", "", target),
		ValueField("unit", "Unit", "", unit),
		ValueField("status", "Status", "", status),
		ValueField("direction", "Good when", "", direction),
	)
}
