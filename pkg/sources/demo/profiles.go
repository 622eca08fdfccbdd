package demo

import (
	"time"

	"github.com/aiperf/monitor/pkg/catalog"
)

// profile is everything the simulator needs to know about one model: its
// declared facts plus the parameters of its telemetry and spend.
type profile struct {
	spec ModelSpec
	seed uint64
	row  rowGenerator

	// Serving.
	requestsPerMinute float64 // weekday mean; diurnal and growth apply
	p50Ms             float64 // median latency at mean load
	latencySigma      float64 // log-normal spread: p95 = p50·e^(1.645σ)
	errorRate         float64 // baseline share of failed requests
	incidentsPerDay   float64 // chance of an incident on any given day

	// Utilisation (ratios at mean load).
	gpus                   float64 // GPUs allocated; 0 for CPU-only models
	gpuBusy, cpuBusy       float64
	memoryBusy, storageUse float64

	// Daily spend (USD).
	computePerDay     float64
	gpuHourPrice      float64
	storagePerDay     float64
	networkPerMillion float64 // per million requests
	apiPerRequest     float64 // third-party API call per prediction
	tokensPerRequest  float64 // prompt + completion tokens (LLMs)
	tokenPricePer1k   float64
}

// fleetProfiles lists the demo fleet. Parameters are chosen so that each model
// shows its story on the pages: see the per-model row generators for the
// prediction-level behaviours and serving.go for the runtime ones.
var fleetProfiles = []*profile{
	{
		spec: riskAssessmentSpec, row: riskAssessmentRow,
		requestsPerMinute: 40, p50Ms: 45, latencySigma: 0.45, errorRate: 0.002, incidentsPerDay: 0.1,
		cpuBusy: 0.55, memoryBusy: 0.62, storageUse: 0.48,
		computePerDay: 95, storagePerDay: 6, networkPerMillion: 9, apiPerRequest: 0.0006,
	},
	{
		spec: fraudDetectionSpec, row: fraudDetectionRow,
		requestsPerMinute: 400, p50Ms: 22, latencySigma: 0.4, errorRate: 0.001, incidentsPerDay: 0.08,
		// Two GPUs sized for a peak that never came: the idle-GPU saving.
		gpus: 2, gpuBusy: 0.14, cpuBusy: 0.48, memoryBusy: 0.55, storageUse: 0.61,
		computePerDay: 140, gpuHourPrice: 2.45, storagePerDay: 14, networkPerMillion: 9,
	},
	{
		spec: recommendationSpec, row: recommendationRow,
		requestsPerMinute: 900, p50Ms: 68, latencySigma: 0.4, errorRate: 0.003, incidentsPerDay: 0.1,
		gpus: 4, gpuBusy: 0.66, cpuBusy: 0.58, memoryBusy: 0.71, storageUse: 0.55,
		computePerDay: 160, gpuHourPrice: 2.45, storagePerDay: 22, networkPerMillion: 9,
	},
	{
		spec: assistantSpec, row: assistantRow,
		requestsPerMinute: 30, p50Ms: 520, latencySigma: 0.45, errorRate: 0.006, incidentsPerDay: 0.12,
		gpus: 2, gpuBusy: 0.78, cpuBusy: 0.42, memoryBusy: 0.74, storageUse: 0.38,
		computePerDay: 70, gpuHourPrice: 2.45, storagePerDay: 9, networkPerMillion: 12,
		tokensPerRequest: assistantPromptTokens + assistantCompletionTokens, tokenPricePer1k: 0.003,
	},
	{
		spec: demandForecastSpec, row: demandForecastRow,
		requestsPerMinute: 12, p50Ms: 60, latencySigma: 0.4, errorRate: 0.001, incidentsPerDay: 0.06,
		cpuBusy: 0.46, memoryBusy: 0.52, storageUse: 0.67,
		computePerDay: 55, storagePerDay: 11, networkPerMillion: 9,
	},
}

// Anchored behaviours, relative to the anchor (UTC midnight of Options.Now).
const (
	conceptDriftLead = 10 * oneDay             // risk-assessment: label relationship changes
	latencyLead      = 3*oneDay - 14*time.Hour // recommendation-ai: release at 14:00 UTC, 3 days ago
	baselineEndLead  = 30 * oneDay
	baselineLength   = catalog.DefaultBaselineDays * oneDay // a whole week, as a declared model's default
)

func init() {
	for _, p := range fleetProfiles {
		p.seed = hashString(p.spec.ID)
	}
}
