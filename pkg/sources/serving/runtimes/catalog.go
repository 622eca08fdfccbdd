// Package runtimes is the catalog of model-serving runtimes: for each, how
// its Prometheus metrics and labels map onto the normalized serving series
// the engine reads (API-CONTRACTS.md §2). It is data, one table per runtime
// (tables_*.go); the Prometheus connector turns a table into PromQL.
package runtimes

import "slices"

// Series names a normalized serving series.
type Series string

// Normalized series and their units.
const (
	Requests           Series = "requests"           // counter: requests received
	Errors             Series = "errors"             // counter: failed requests
	Latency            Series = "latency"            // distribution, ms
	QueueTime          Series = "queueTime"          // distribution, ms
	InFlight           Series = "inFlight"           // gauge: requests running or waiting
	BatchSize          Series = "batchSize"          // distribution or gauge: requests per batch
	TokensIn           Series = "tokensIn"           // counter: prompt tokens
	TokensOut          Series = "tokensOut"          // counter: generated tokens
	TimeToFirstToken   Series = "timeToFirstToken"   // distribution, ms
	TimePerOutputToken Series = "timePerOutputToken" // distribution, ms
	KVCache            Series = "kvCache"            // gauge, ratio 0..1
	GPUUtilization     Series = "gpuUtilization"     // gauge, ratio 0..1
	GPUMemory          Series = "gpuMemory"          // gauge, ratio used/total
	GPUPower           Series = "gpuPower"           // gauge, W
	CPUUtilization     Series = "cpuUtilization"     // gauge, ratio 0..1
	Memory             Series = "memory"             // gauge, ratio used/total
	Up                 Series = "up"                 // gauge 0/1: the availability probe
)

// AllSeries lists every normalized series in display order.
var AllSeries = []Series{Requests, Errors, Latency, QueueTime, InFlight, BatchSize, TokensIn, TokensOut,
	TimeToFirstToken, TimePerOutputToken, KVCache, GPUUtilization, GPUMemory, GPUPower, CPUUtilization, Memory, Up}

// Kind says how a series is read from the metrics.
type Kind int

const (
	// Counter: the increase of the counters over a window, summed.
	Counter Kind = iota + 1
	// Histogram: the increase of the <name>_bucket counters per le bound.
	Histogram
	// Mean: the increase of the sum counters over the increase of the count
	// counters (Per): a mean, for runtimes that expose no buckets.
	Mean
	// Gauge: the time-weighted mean and the peak of a gauge.
	Gauge
	// Ratio: a gauge over the sum of the Per gauges (used / total).
	Ratio
)

// Term is one metric of a mapping. Names are alternatives, oldest last
// where a runtime renamed the metric: the first name the server exposes is
// read. Match adds label matchers, e.g. `http_response_code=~"5.."`.
type Term struct {
	Names []string
	Match string
}

// Mapping reads one normalized series from a runtime's metrics.
type Mapping struct {
	Kind Kind
	// Of are the metrics summed; the first decides whether the series is
	// there, the others add when present (Triton's success + failure).
	Of []Term
	// Per is the denominator of Mean and Ratio.
	Per []Term
	// Scale turns values (histograms: le bounds) into the series' unit:
	// 1000 for seconds to ms, 0.01 for percent to ratio.
	Scale float64
	// Unscoped series carry no model label (GPU exporters, TGI, one model
	// per server): they are narrowed by the model's selector from the
	// settings, never by a model label.
	Unscoped bool
}

// Runtime is one serving runtime's table.
type Runtime struct {
	Name  string // settings value: triton, kserve, …
	Title string
	// ModelLabel and VersionLabel carry the model's name and version; empty
	// when the runtime's metrics have none.
	ModelLabel, VersionLabel string
	// Detect are metric names whose presence identifies the runtime.
	Detect []string
	Series map[Series]Mapping
	// Accelerator marks a table of GPU telemetry only (DCGM): it is never a
	// model's serving runtime, it completes one.
	Accelerator bool
}

// Catalog lists every runtime in detection order: the more specific
// vocabularies come first.
var Catalog = []*Runtime{triton, vllm, tgi, mlserver, kserve, torchserve, bentoml, rayServe, otelGenAI, dcgm}

// ByName returns a runtime's table.
func ByName(name string) (*Runtime, bool) {
	for _, r := range Catalog {
		if r.Name == name {
			return r, true
		}
	}
	return nil, false
}

// Names lists the runtimes' settings names.
func Names() []string {
	out := make([]string, len(Catalog))
	for i, r := range Catalog {
		out[i] = r.Name
	}
	return out
}

// Detect returns the first serving runtime (not an accelerator table) one
// of whose identifying metrics is among the names present.
func Detect(present []string) (*Runtime, bool) {
	for _, r := range Catalog {
		if r.Accelerator {
			continue
		}
		for _, n := range r.Detect {
			if slices.Contains(present, n) {
				return r, true
			}
		}
	}
	return nil, false
}

// MetricNames lists every metric name a runtime's tables read, with the
// suffixes histograms and summaries are exposed under: what the connector
// asks the server about when it detects a model's runtime.
func (r *Runtime) MetricNames() []string {
	var out []string
	add := func(n string) {
		if !slices.Contains(out, n) {
			out = append(out, n)
		}
	}
	for _, s := range AllSeries {
		m, ok := r.Series[s]
		if !ok {
			continue
		}
		for _, t := range append(slices.Clone(m.Of), m.Per...) {
			for _, n := range t.Names {
				if m.Kind == Histogram {
					n += "_bucket"
				}
				add(n)
			}
		}
	}
	for _, n := range r.Detect {
		add(n)
	}
	return out
}
