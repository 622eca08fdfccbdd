package engine

// Health dimension names; also the field names of the health frames.
const (
	DimensionModelPerformance = "modelPerformance"
	DimensionInfrastructure   = "infrastructure"
	DimensionDataQuality      = "dataQuality"
	DimensionResponseTimeSLA  = "responseTimeSla"
	DimensionCompliance       = "compliance"
	DimensionCostEfficiency   = "costEfficiency"
)

// healthWeights weight the dimensions in the overall health score. Model
// performance weighs most because it is what the product monitors first;
// infrastructure next because outages hit every model; cost least because
// overspend does not harm users directly. They sum to 1.
var healthWeights = map[string]float64{
	DimensionModelPerformance: 0.25,
	DimensionInfrastructure:   0.20,
	DimensionDataQuality:      0.15,
	DimensionResponseTimeSLA:  0.15,
	DimensionCompliance:       0.15,
	DimensionCostEfficiency:   0.10,
}

// healthScore scores each dimension 0..100 and averages the defined ones with
// healthWeights (weights of undefined dimensions are left out):
//   - model performance: 100·(1 − quality drop), capped to 0..100
//   - infrastructure: 100·availability·min(1, utilisation target / peak utilisation)
//   - data quality: 100·(1 − share of inputs with issues)
//   - response-time SLA: 100·min(1, p95 target / measured p95)
//   - security/compliance: 100·share of compliance checks in good standing
//   - cost efficiency: 100·min(1, budget / spend) = 100·min(1, 1/(1 + variance))
func healthScore(in HealthInputs) ([]NamedMetric, Metric) {
	var model, infra, dq, sla, compliance, cost Metric
	if d := in.QualityDrop; d.OK {
		model = definedMetric(100 * clamp01(1-d.Value))
	}
	if in.Availability.OK || in.PeakUtilisation().OK {
		v := 1.0
		if in.Availability.OK {
			v *= clamp01(in.Availability.Value)
		}
		if u := in.PeakUtilisation(); u.OK && u.Value > 0 {
			v *= min(1, in.UtilisationTarget/u.Value)
		}
		infra = definedMetric(100 * v)
	}
	if s := in.DataQualityIssueShare; s.OK {
		dq = definedMetric(100 * clamp01(1-s.Value))
	}
	if p := in.LatencyP95Ms; p.OK {
		sla = definedMetric(100)
		if p.Value > 0 {
			sla = definedMetric(100 * min(1, in.LatencyTargetMs/p.Value))
		}
	}
	if c := in.ComplianceShare; c.OK {
		compliance = definedMetric(100 * clamp01(c.Value))
	}
	if c := in.CostVariance; c.OK {
		cost = definedMetric(100)
		if c.Value > 0 {
			cost = definedMetric(100 / (1 + c.Value))
		}
	}
	dims := []NamedMetric{
		{Name: DimensionModelPerformance, Metric: model}, {Name: DimensionInfrastructure, Metric: infra}, {Name: DimensionDataQuality, Metric: dq},
		{Name: DimensionResponseTimeSLA, Metric: sla}, {Name: DimensionCompliance, Metric: compliance}, {Name: DimensionCostEfficiency, Metric: cost},
	}
	var sum, weight float64
	for _, d := range dims {
		if d.OK {
			sum += healthWeights[d.Name] * d.Value
			weight += healthWeights[d.Name]
		}
	}
	return dims, metricRatio(sum, weight)
}

func clamp01(x float64) float64 { return min(max(x, 0), 1) }
