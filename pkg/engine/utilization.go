package engine

// ResourceUse is one resource's utilisation (a ratio 0..1) over a window,
// mergeable by addition: the time-weighted sum, the sampled minutes and the
// peak. Zero minutes means the resource was not measured.
type ResourceUse struct {
	Sum     float64 // Σ utilisation × minutes
	Minutes float64
	Peak    float64
}

// Add records a sample held for minutes.
func (r *ResourceUse) Add(ratio, minutes float64) {
	if r.Minutes == 0 || ratio > r.Peak {
		r.Peak = ratio
	}
	r.Sum += ratio * minutes
	r.Minutes += minutes
}

// Merge adds o into r.
func (r *ResourceUse) Merge(o ResourceUse) {
	if o.Minutes == 0 {
		return
	}
	if r.Minutes == 0 || o.Peak > r.Peak {
		r.Peak = o.Peak
	}
	r.Sum += o.Sum
	r.Minutes += o.Minutes
}

// Mean is the time-weighted mean; undefined when not measured.
func (r ResourceUse) Mean() Metric { return metricRatio(r.Sum, r.Minutes) }

// Max is the peak; undefined when not measured.
func (r ResourceUse) Max() Metric {
	if r.Minutes == 0 {
		return Metric{}
	}
	return definedMetric(r.Peak)
}

// UtilizationSummary is a model's resource use over one window.
type UtilizationSummary struct {
	GPU, CPU, Memory, Storage ResourceUse
}

// Merge adds o into u.
func (u *UtilizationSummary) Merge(o UtilizationSummary) {
	u.GPU.Merge(o.GPU)
	u.CPU.Merge(o.CPU)
	u.Memory.Merge(o.Memory)
	u.Storage.Merge(o.Storage)
}

// Busiest is the highest peak of the measured resources: the saturation
// input of the health rules; undefined when nothing was measured.
func (u UtilizationSummary) Busiest() Metric {
	var out Metric
	for _, r := range []ResourceUse{u.GPU, u.CPU, u.Memory, u.Storage} {
		if m := r.Max(); m.OK && (!out.OK || m.Value > out.Value) {
			out = m
		}
	}
	return out
}
