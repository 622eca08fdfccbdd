package frames

import (
	"strconv"
	"time"

	"github.com/grafana/grafana-plugin-sdk-go/data"

	"github.com/aiperf/monitor/pkg/engine"
)

// UtilizationSeries is one model's resource utilisation, each value a ratio
// 0..1, nil where the resource is not measured (a CPU-only model's GPU).
type UtilizationSeries struct {
	Time                      []time.Time
	GPU, CPU, Memory, Storage []*float64
}

// Utilization builds the wide utilization frame of one model: time, gpu, cpu,
// memory, storage as ratios, each with a threshold at its target and
// labelled by model and resource so every series is unique for alerting.
func Utilization(model string, s UtilizationSeries, target float64, executed string) *data.Frame {
	resource := func(name, display string, values []*float64) *data.Field {
		labels := data.Labels{"model": model, "resource": name}
		return WithThreshold(WithLabels(ValueField(name, display+" ("+model+")", UnitPercentUnit, values), labels), target, true)
	}
	return NewTimeSeries("utilization", executed,
		TimeField(s.Time),
		resource("gpu", "GPU", s.GPU),
		resource("cpu", "CPU", s.CPU),
		resource("memory", "Memory", s.Memory),
		resource("storage", "Storage", s.Storage),
	)
}

// SLARow is one objective of one model in the SLA matrix.
type SLARow struct {
	Model, Objective string // objective: availability, latencyP95, errorRate
	Target           float64
	Current          engine.Metric
	ThirtyDay        engine.Metric
	Status           string // met, breached, or "" when unmeasured
}

// SLAMatrix builds the slaMatrix frame.
func SLAMatrix(rows []SLARow, executed string) *data.Frame {
	n := len(rows)
	model, objective, status := make([]string, n), make([]string, n), make([]string, n)
	target, current, thirty := make([]float64, n), make([]*float64, n), make([]*float64, n)
	for i, r := range rows {
		model[i], objective[i], status[i] = r.Model, r.Objective, r.Status
		target[i], current[i], thirty[i] = r.Target, r.Current.Ptr(), r.ThirtyDay.Ptr()
	}
	return New("slaMatrix", executed,
		ValueField("model", "Model", "", model),
		ValueField("objective", "Objective", "", objective),
		ValueField("target", "Target", "", target),
		ValueField("current", "Current window", "", current),
		ValueField("thirtyDay", "30 days", "", thirty),
		ValueField("status", "Status", "", status),
	)
}

// BurnRateRow is one multiwindow burn-rate alert condition of one model.
type BurnRateRow struct {
	Model                   string
	LongWindow, ShortWindow time.Duration
	Factor                  float64
	LongBurn, ShortBurn     engine.Metric
	Firing                  bool
}

// BurnRate builds the burnRate frame; windows are shown as Go durations ("1h0m0s" → "1h").
func BurnRate(rows []BurnRateRow, executed string) *data.Frame {
	n := len(rows)
	model, long, short := make([]string, n), make([]string, n), make([]string, n)
	factor, longBurn, shortBurn := make([]float64, n), make([]*float64, n), make([]*float64, n)
	firing := make([]bool, n)
	for i, r := range rows {
		model[i], long[i], short[i] = r.Model, shortDuration(r.LongWindow), shortDuration(r.ShortWindow)
		factor[i], longBurn[i], shortBurn[i], firing[i] = r.Factor, r.LongBurn.Ptr(), r.ShortBurn.Ptr(), r.Firing
	}
	return New("burnRate", executed,
		ValueField("model", "Model", "", model),
		ValueField("longWindow", "Long window", "", long),
		ValueField("shortWindow", "Short window", "", short),
		ValueField("factor", "Burn factor", "", factor),
		ValueField("longBurn", "Long-window burn", "", longBurn),
		ValueField("shortBurn", "Short-window burn", "", shortBurn),
		ValueField("firing", "Firing", "", firing),
	)
}

// shortDuration prints 1h, 30m, 3d instead of Go's 1h0m0s.
func shortDuration(d time.Duration) string {
	switch {
	case d >= 24*time.Hour && d%(24*time.Hour) == 0:
		return strconv.FormatInt(int64(d/(24*time.Hour)), 10) + "d"
	case d >= time.Hour && d%time.Hour == 0:
		return strconv.FormatInt(int64(d/time.Hour), 10) + "h"
	case d%time.Minute == 0:
		return strconv.FormatInt(int64(d/time.Minute), 10) + "m"
	}
	return d.String()
}
