package engine

// ServingSummary is a model's serving telemetry over one window, mergeable
// by addition like the prediction summaries: serving connectors return one
// per window and the engine derives every serving metric from it.
type ServingSummary struct {
	Minutes          float64 // elapsed minutes the window covers (an open window: up to now)
	Requests, Errors float64
	// Latency is the request-latency histogram; empty when the runtime
	// exposes none, in which case LatencySumMs/LatencyCount give the mean.
	Latency      LatencyHistogram
	LatencySumMs float64
	LatencyCount float64
	// UpMinutes and DownMinutes are the minutes the availability probe
	// passed and failed; both zero when nothing probes the model.
	UpMinutes, DownMinutes float64
}

// Merge adds o into s.
func (s *ServingSummary) Merge(o ServingSummary) error {
	if err := s.Latency.Merge(o.Latency); err != nil {
		return err
	}
	s.Minutes += o.Minutes
	s.Requests += o.Requests
	s.Errors += o.Errors
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
	ErrorRate       Metric  // errors / requests
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
		ErrorRate:       metricRatio(s.Errors, s.Requests),
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
