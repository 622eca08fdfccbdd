package engine

// ServingSummary is a model's serving telemetry over one window, mergeable
// by addition like the prediction summaries: serving connectors return one
// per window and the engine derives every serving metric from it.
type ServingSummary struct {
	// Minutes are the elapsed minutes the window covers in which the request
	// counter was observed (an open window: up to now); zero when nothing
	// counted the model's requests, so its throughput is undefined.
	Minutes          float64
	Requests, Errors float64
	// ErrorsUncounted are requests of a runtime that counts no failures:
	// they are left out of the error rate instead of counting as successes.
	ErrorsUncounted float64
	// Latency is the request-latency histogram; empty when the runtime
	// exposes none, in which case LatencySumMs/LatencyCount give the mean.
	Latency      LatencyHistogram
	LatencySumMs float64
	LatencyCount float64
	// UpMinutes and DownMinutes are the minutes the availability probe
	// passed and failed; both zero when nothing probes the model.
	UpMinutes, DownMinutes float64
	LLM                    LLMServing
}

// LLMServing is the token-level telemetry of a language-model server; all
// zero for other runtimes, whose LLM metrics are then undefined.
type LLMServing struct {
	// TokenMinutes are the minutes in which the token counters were observed.
	TokenMinutes        float64
	TokensIn, TokensOut float64
	// TimeToFirstToken and TimePerOutputToken are histograms in ms.
	TimeToFirstToken   LatencyHistogram
	TimePerOutputToken LatencyHistogram
	// KVCache is the share of the KV cache in use.
	KVCache ResourceUse
}

// Merge adds o into l.
func (l *LLMServing) Merge(o LLMServing) error {
	if err := l.TimeToFirstToken.Merge(o.TimeToFirstToken); err != nil {
		return err
	}
	if err := l.TimePerOutputToken.Merge(o.TimePerOutputToken); err != nil {
		return err
	}
	l.TokenMinutes += o.TokenMinutes
	l.TokensIn += o.TokensIn
	l.TokensOut += o.TokensOut
	l.KVCache.Merge(o.KVCache)
	return nil
}

// Merge adds o into s.
func (s *ServingSummary) Merge(o ServingSummary) error {
	if err := s.Latency.Merge(o.Latency); err != nil {
		return err
	}
	if err := s.LLM.Merge(o.LLM); err != nil {
		return err
	}
	s.Minutes += o.Minutes
	s.Requests += o.Requests
	s.Errors += o.Errors
	s.ErrorsUncounted += o.ErrorsUncounted
	s.LatencySumMs += o.LatencySumMs
	s.LatencyCount += o.LatencyCount
	s.UpMinutes += o.UpMinutes
	s.DownMinutes += o.DownMinutes
	return nil
}

// MergeServing sums summaries into one.
func MergeServing(summaries ...ServingSummary) (ServingSummary, error) {
	var out ServingSummary
	for _, s := range summaries {
		if err := out.Merge(s); err != nil {
			return ServingSummary{}, err
		}
	}
	return out, nil
}

// LatencyKind says how a latency figure was obtained.
type LatencyKind string

const (
	LatencyFromHistogram LatencyKind = "histogram" // a percentile of merged buckets
	LatencyMean          LatencyKind = "mean"      // only sum/count exist: the mean, not a percentile
	LatencyUnmeasured    LatencyKind = ""
)

// ServingWindow is what the serving objectives read from one window.
type ServingWindow struct {
	Availability    Metric  // up minutes / probed minutes
	DowntimeMinutes float64 // minutes the probe failed
	ErrorRate       Metric  // errors / requests whose failures are counted
	Throughput      Metric  // requests per second of elapsed time
	LatencyP50Ms    Metric
	LatencyP95Ms    Metric
	LatencyP99Ms    Metric
	LatencyMeanMs   Metric
	LatencyKind     LatencyKind
}

// SummarizeServing derives a window's serving metrics. Percentiles come from
// the merged histogram; a runtime without one gets its mean, and its
// percentiles stay undefined rather than pretending.
func SummarizeServing(s ServingSummary) ServingWindow {
	w := ServingWindow{
		Availability:    metricRatio(s.UpMinutes, s.UpMinutes+s.DownMinutes),
		DowntimeMinutes: s.DownMinutes,
		ErrorRate:       s.errorRate(),
		Throughput:      metricRatio(s.Requests, s.Minutes*60),
		LatencyMeanMs:   metricRatio(s.LatencySumMs, s.LatencyCount),
	}
	switch {
	case s.Latency.Total() > 0:
		w.LatencyKind = LatencyFromHistogram
		w.LatencyP50Ms, w.LatencyP95Ms, w.LatencyP99Ms = s.Latency.Quantile(0.50), s.Latency.Quantile(0.95), s.Latency.Quantile(0.99)
	case w.LatencyMeanMs.OK:
		w.LatencyKind = LatencyMean
	}
	return w
}

// errorRate is errors over the requests whose failures were counted.
func (s ServingSummary) errorRate() Metric {
	return metricRatio(s.Errors, s.Requests-s.ErrorsUncounted)
}

// Percentiles are the p50/p95/p99 of a histogram, undefined when empty.
type Percentiles struct{ P50, P95, P99 Metric }

// PercentilesOf reads the three percentiles the pages show.
func PercentilesOf(h LatencyHistogram) Percentiles {
	return Percentiles{h.Quantile(0.50), h.Quantile(0.95), h.Quantile(0.99)}
}

// LLMWindow is what the language-model views read from one window.
type LLMWindow struct {
	TokensInPerSec, TokensOutPerSec Metric
	TokensOutPerRequest             Metric
	TimeToFirstTokenMs              Percentiles
	TimePerOutputTokenMs            Percentiles
	KVCacheMean, KVCachePeak        Metric
}

// SummarizeLLM derives a window's token metrics; each is undefined where the
// runtime does not measure it.
func SummarizeLLM(s ServingSummary) LLMWindow {
	l := s.LLM
	w := LLMWindow{
		TimeToFirstTokenMs:   PercentilesOf(l.TimeToFirstToken),
		TimePerOutputTokenMs: PercentilesOf(l.TimePerOutputToken),
		KVCacheMean:          l.KVCache.Mean(),
		KVCachePeak:          l.KVCache.Max(),
	}
	if l.TokenMinutes > 0 {
		w.TokensInPerSec = metricRatio(l.TokensIn, l.TokenMinutes*60)
		w.TokensOutPerSec = metricRatio(l.TokensOut, l.TokenMinutes*60)
		w.TokensOutPerRequest = metricRatio(l.TokensOut, s.Requests)
	}
	return w
}
