package engine

// Quality metric names; they are also the field names of the `quality` frame.
const (
	MetricAccuracy          = "accuracy"
	MetricPrecision         = "precision"
	MetricRecall            = "recall"
	MetricF1                = "f1"
	MetricAUCROC            = "aucRoc"
	MetricPRAUC             = "prAuc"
	MetricLogLoss           = "logLoss"
	MetricBrier             = "brier"
	MetricECE               = "ece"
	MetricPrecisionMacro    = "precisionMacro"
	MetricRecallMacro       = "recallMacro"
	MetricF1Macro           = "f1Macro"
	MetricPrecisionWeighted = "precisionWeighted"
	MetricRecallWeighted    = "recallWeighted"
	MetricF1Weighted        = "f1Weighted"
	MetricMAE               = "mae"
	MetricRMSE              = "rmse"
	MetricMAPE              = "mape"
	MetricR2                = "r2"
)

// QualityReport holds a window's quality metrics in a fixed order per task.
type QualityReport struct {
	Task    Task
	Labeled int64 // labeled rows the metrics were computed from
	Metrics []NamedMetric
}

// Get returns the named metric; unknown names are undefined.
func (r QualityReport) Get(name string) Metric { return r.GetNamed(name).Metric }

// GetNamed returns the named metric with its error bound; unknown names are undefined.
func (r QualityReport) GetNamed(name string) NamedMetric {
	for _, m := range r.Metrics {
		if m.Name == name {
			return m
		}
	}
	return NamedMetric{Name: name}
}

// Select keeps the named metrics in the order given; unknown names are
// skipped. An empty list keeps every metric.
func (r QualityReport) Select(names []string) QualityReport {
	if len(names) == 0 {
		return r
	}
	out := QualityReport{Task: r.Task, Labeled: r.Labeled}
	for _, name := range names {
		for _, m := range r.Metrics {
			if m.Name == name {
				out.Metrics = append(out.Metrics, m)
			}
		}
	}
	return out
}

// HigherIsBetter tells whether a larger value of the metric is an improvement;
// loss and error metrics (log loss, Brier, ECE, MAE, RMSE, MAPE) are not.
func HigherIsBetter(name string) bool {
	switch name {
	case MetricLogLoss, MetricBrier, MetricECE, MetricMAE, MetricRMSE, MetricMAPE:
		return false
	}
	return true
}
