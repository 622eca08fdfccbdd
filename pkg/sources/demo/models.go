package demo

import (
	"slices"
	"time"

	"github.com/aiperf/monitor/pkg/engine"
)

// Ids of the demo models; pages and tests refer to them.
const (
	RiskAssessment      = "risk-assessment"
	FraudDetection      = "fraud-detection"
	RecommendationAI    = "recommendation-ai"
	CustomerAIAssistant = "customer-ai-assistant"
	DemandForecast      = "demand-forecast"
)

// ModelSpec holds the declared facts of a demo model: what a model catalog
// would say about it, as opposed to what its telemetry measures.
type ModelSpec struct {
	ID                    string
	Name                  string
	Task                  engine.Task
	Owner                 string
	RiskClass             string // EU AI Act class: high, limited or minimal
	Version               string
	PrimaryMetric         string        // quality metric the pages headline (engine.Metric*)
	BusinessValuePerMonth float64       // USD
	LatencyTargetP95Ms    float64       // serving objective for p95 latency
	LabelDelay            time.Duration // how long ground truth takes to arrive
	IntendedPurpose       string
	RetentionDays         int // how long its prediction logs are to be kept
	Schema                engine.Schema
}

// Models returns the declared facts of every demo model, in catalog order.
// The result is a fresh copy; callers may modify it.
func Models() []ModelSpec {
	specs := make([]ModelSpec, len(fleetProfiles))
	for i, p := range fleetProfiles {
		specs[i] = p.spec
		specs[i].Schema = cloneSchema(p.spec.Schema)
	}
	return specs
}

func cloneSchema(s engine.Schema) engine.Schema {
	s.Numeric = slices.Clone(s.Numeric)
	s.Categorical = slices.Clone(s.Categorical)
	s.Sensitive = slices.Clone(s.Sensitive)
	s.Classes = slices.Clone(s.Classes)
	return s
}

var binaryClasses = []string{"0", "1"}

var riskAssessmentSpec = ModelSpec{
	ID: RiskAssessment, Name: "Risk Assessment", Task: engine.TaskBinary,
	Owner: "Credit Risk Analytics", RiskClass: "high", Version: "4.2.1", PrimaryMetric: engine.MetricAccuracy,
	BusinessValuePerMonth: 250000, LatencyTargetP95Ms: 200, LabelDelay: 48 * time.Hour,
	IntendedPurpose: "Scores consumer loan applications for default risk; a credit officer decides every application (Annex III 5(b) creditworthiness)", RetentionDays: 730,
	Schema: engine.Schema{
		Task:        engine.TaskBinary,
		Numeric:     []string{"income", "debt_to_income", "credit_utilization", "age", "loan_amount", "months_employed"},
		Categorical: []string{"employment_type", "region", "loan_purpose"},
		Sensitive:   []string{"gender", "age_group"},
		Classes:     binaryClasses,
		Threshold:   0.5,
	},
}

var fraudDetectionSpec = ModelSpec{
	ID: FraudDetection, Name: "Fraud Detection", Task: engine.TaskBinary,
	Owner: "Payments Security", RiskClass: "limited", Version: "7.0.3", PrimaryMetric: engine.MetricPRAUC,
	BusinessValuePerMonth: 400000, LatencyTargetP95Ms: 200, LabelDelay: 24 * time.Hour,
	IntendedPurpose: "Flags card payments for fraud review before authorisation; flagged payments go to an analyst", RetentionDays: 730,
	Schema: engine.Schema{
		Task:        engine.TaskBinary,
		Numeric:     []string{"amount", "merchant_risk", "distance_from_home_km", "transactions_last_hour", "account_age_days"},
		Categorical: []string{"channel", "merchant_category", "card_present"},
		Sensitive:   []string{"age_group"},
		Classes:     binaryClasses,
		Threshold:   0.5,
	},
}

var recommendationSpec = ModelSpec{
	ID: RecommendationAI, Name: "Recommendation AI", Task: engine.TaskBinary,
	Owner: "Personalization", RiskClass: "minimal", Version: "3.2.0", PrimaryMetric: engine.MetricAUCROC,
	BusinessValuePerMonth: 600000, LatencyTargetP95Ms: 200, LabelDelay: time.Hour,
	IntendedPurpose: "Ranks catalogue items for the storefront and e-mail placements", RetentionDays: 450,
	Schema: engine.Schema{
		Task:        engine.TaskBinary,
		Numeric:     []string{"user_tenure_days", "session_length_s", "items_viewed", "item_price", "item_popularity"},
		Categorical: []string{"device", "item_category", "placement"},
		Classes:     binaryClasses,
		Threshold:   0.5,
	},
}

var assistantSpec = ModelSpec{
	ID: CustomerAIAssistant, Name: "Customer AI Assistant", Task: engine.TaskBinary,
	Owner: "Customer Experience", RiskClass: "limited", Version: "2.5.0", PrimaryMetric: engine.MetricAccuracy,
	BusinessValuePerMonth: 120000, LatencyTargetP95Ms: 1500, LabelDelay: 4 * time.Hour,
	IntendedPurpose: "Answers customer questions in chat and hands over to an agent when unsure; users are told they talk to an AI", RetentionDays: 365,
	Schema: engine.Schema{
		Task:        engine.TaskBinary,
		Numeric:     []string{"prompt_tokens", "completion_tokens", "conversation_turns", "retrieved_documents"},
		Categorical: []string{"intent", "channel"},
		Sensitive:   []string{"language"},
		Classes:     binaryClasses,
		Threshold:   0.5,
	},
}

var demandForecastSpec = ModelSpec{
	ID: DemandForecast, Name: "Demand Forecast", Task: engine.TaskRegression,
	Owner: "Supply Chain Planning", RiskClass: "minimal", Version: "1.8.4", PrimaryMetric: engine.MetricMAPE,
	BusinessValuePerMonth: 180000, LatencyTargetP95Ms: 200, LabelDelay: 24 * time.Hour,
	IntendedPurpose: "Forecasts daily unit demand per store and product for replenishment", RetentionDays: 450,
	Schema: engine.Schema{
		Task:        engine.TaskRegression,
		Numeric:     []string{"price", "promo_depth", "temperature_c", "sales_last_7d", "store_size_m2"},
		Categorical: []string{"store_region", "product_category", "day_type"},
	},
}
