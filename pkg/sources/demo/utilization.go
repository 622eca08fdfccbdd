package demo

import (
	"context"
	"time"

	"github.com/aiperf/monitor/pkg/engine"
	"github.com/aiperf/monitor/pkg/sources"
)

// recommendationGPUAfterRelease is the extra GPU load of the slower release.
const recommendationGPUAfterRelease = 0.15

// storageGrowthPerDay is the share of the volume filled each day by logs.
const storageGrowthPerDay = 0.003

type utilizationSample struct{ gpu, cpu, memory, storage float64 }

// utilizationAt simulates one minute of resource utilisation; busy ratios
// follow traffic, storage fills slowly.
func (p *profile) utilizationAt(t, anchor time.Time) utilizationSample {
	key := t.Unix() / 60
	l := load(t)
	var s utilizationSample
	if p.gpus > 0 {
		gpu := p.gpuBusy * (0.55 + 0.45*l) * (1 + 0.05*gaussian(p.seed, key, chGPU))
		if p.spec.ID == RecommendationAI {
			gpu *= 1 + recommendationGPUAfterRelease*ramp(t, latencyOnset(anchor), latencyRollout)
		}
		s.gpu = clamp(gpu, 0, 1)
	}
	s.cpu = clamp(p.cpuBusy*(0.5+0.5*l)*(1+0.05*gaussian(p.seed, key, chCPU)), 0, 1)
	s.memory = clamp(p.memoryBusy*(0.85+0.15*l)+0.01*gaussian(p.seed, key, chMemory), 0, 1)
	s.storage = clamp(p.storageUse+storageGrowthPerDay*t.Sub(anchor).Hours()/24, 0.05, 0.98)
	return s
}

// Utilization returns the model's GPU, CPU, memory and storage use per
// window, sampled every minute up to now. A CPU-only model's GPU is not
// measured (it has none), not zero.
func (f *Fleet) Utilization(ctx context.Context, model string, windows []sources.Window) ([]engine.UtilizationSummary, error) {
	p, err := lookup(model)
	if err != nil {
		return nil, err
	}
	if err := checkWindows(windows, time.Minute, maxMinutesPerCall, "minutes of telemetry"); err != nil {
		return nil, err
	}
	now := f.now()
	anchor := anchorOf(now)
	out := make([]engine.UtilizationSummary, len(windows))
	simulated := 0
	for i, w := range windows {
		from, to := f.minutesOf(w, now, anchor)
		var u engine.UtilizationSummary
		for t := from; t.Before(to); t = t.Add(time.Minute) {
			if simulated++; simulated%ctxCheckMinutes == 0 {
				if err := ctx.Err(); err != nil {
					return nil, err
				}
			}
			s := p.utilizationAt(t, anchor)
			if p.gpus > 0 {
				u.GPU.Add(s.gpu, 1)
			}
			u.CPU.Add(s.cpu, 1)
			u.Memory.Add(s.memory, 1)
			u.Storage.Add(s.storage, 1)
		}
		out[i] = u
	}
	return out, ctx.Err()
}
