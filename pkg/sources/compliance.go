package sources

import (
	"context"
	"time"
)

// Optional compliance measurements. A connector implements those its
// system can measure; the compliance views use the first connection that
// does (settings order: inference, serving, endpoints) and say which one it
// was. Where no connection measures a fact it stays undefined, never 100%.

// VersionUse is one model version seen serving in a window.
type VersionUse struct {
	Version string
	// Predictions the version served in the window. A connector that only
	// knows which version is deployed (runtime metadata) reports 1 for it.
	Predictions float64
}

// ServedVersionSource reports which model versions served each window: a
// serving connector from its runtime's metadata or per-version metrics
// (Triton's version label, an Open Inference Protocol response's
// model_version), an inference store from its logs' model_version column.
type ServedVersionSource interface {
	// ServedVersions returns, per window, the versions that served in it;
	// an empty list when nothing served or nothing is known.
	ServedVersions(ctx context.Context, model string, windows []Window) ([][]VersionUse, error)
}

// AuditCounts are an inference store's counts of its own records in a window.
type AuditCounts struct {
	Predictions int64 // rows logged
	Complete    int64 // rows with a request id, a model version and the inputs
	// Each gap on its own, so a finding can say what is missing.
	MissingRequestID, MissingVersion, MissingInputs int64
}

// AuditTrailSource is implemented by inference stores that can count how
// completely each prediction was logged (EU AI Act Art. 12 record-keeping).
type AuditTrailSource interface {
	AuditTrail(ctx context.Context, model string, windows []Window) ([]AuditCounts, error)
}

// RetentionFacts describe what a store still holds of a model's predictions.
type RetentionFacts struct {
	Oldest    time.Time // the oldest retained prediction; zero when none is held
	Rows      int64     // predictions held
	RowsOlder int64     // predictions older than the cutoff asked about
}

// RetentionSource is implemented by inference stores that can report the
// age of their oldest retained prediction and the rows older than a cutoff
// (the model's retention policy).
type RetentionSource interface {
	Retention(ctx context.Context, model string, cutoff time.Time) (RetentionFacts, error)
}

// AccessCounts classify a window's requests by the serving layer's status codes.
type AccessCounts struct {
	Requests float64 // every request that reached the serving layer
	// AuthFailures were refused for credentials: HTTP 401 and 403, gRPC
	// UNAUTHENTICATED and PERMISSION_DENIED.
	AuthFailures float64
	// Rejected were refused before inference for limits or invalid input:
	// HTTP 400, 413, 422 and 429, gRPC RESOURCE_EXHAUSTED and
	// INVALID_ARGUMENT, Triton's nv_inference_request_failure{reason="REJECTED"}.
	Rejected float64
}

// AccessSource is implemented by serving connectors that see status codes.
type AccessSource interface {
	Access(ctx context.Context, model string, windows []Window) ([]AccessCounts, error)
}

// Names of the measurements in Meters.By.
const (
	MeterVersions    = "versions"
	MeterAudit       = "audit"
	MeterRetention   = "retention"
	MeterAccess      = "access"
	MeterDataQuality = "dataQuality" // the inference connection whose summaries the data-quality checks read
)

// Meters are the optional measurements the configured connections provide.
type Meters struct {
	Versions  ServedVersionSource
	Audit     AuditTrailSource
	Retention RetentionSource
	Access    AccessSource
	// By names the connection behind each measurement (Meter* keys), e.g.
	// "Inference logs (postgres)", so a frame can say who measured a fact.
	By map[string]string
}

// Adopt takes every optional measurement conn implements that no earlier
// connection provides, labelled with the connection's name.
func (m *Meters) Adopt(conn any, label string) {
	if m.By == nil {
		m.By = map[string]string{}
	}
	claim := func(key string, ok bool) bool {
		if !ok || m.By[key] != "" {
			return false
		}
		m.By[key] = label
		return true
	}
	if v, ok := conn.(ServedVersionSource); claim(MeterVersions, ok) {
		m.Versions = v
	}
	if v, ok := conn.(AuditTrailSource); claim(MeterAudit, ok) {
		m.Audit = v
	}
	if v, ok := conn.(RetentionSource); claim(MeterRetention, ok) {
		m.Retention = v
	}
	if v, ok := conn.(AccessSource); claim(MeterAccess, ok) {
		m.Access = v
	}
	if _, ok := conn.(InferenceSource); ok {
		claim(MeterDataQuality, true)
	}
}
