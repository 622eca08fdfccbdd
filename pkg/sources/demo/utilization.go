package demo

import (
	"context"
	"time"

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

// Utilization returns the model's GPU, CPU, memory and storage utilisation
// (ratios 0..1, means over each step's minutes, ending at Options.Now).
// CPU-only models report a GPU utilisation of 0.
func (f *Fleet) Utilization(ctx context.Context, model string, from, to time.Time, step time.Duration) ([]sources.UtilizationPoint, error) {
	p, err := lookup(model)
	if err != nil {
		return nil, err
	}
	now := f.now()
	steps, end, err := stepsOf(from, to, step, now)
	if err != nil {
		return nil, err
	}
	anchor := anchorOf(now)
	step = step.Truncate(time.Minute)
	points := make([]sources.UtilizationPoint, 0, len(steps))
	for _, start := range steps {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		var sum utilizationSample
		minutes := 0.0
		for t := start; t.Before(earlier(start.Add(step), end)); t = t.Add(time.Minute) {
			s := p.utilizationAt(t, anchor)
			sum.gpu, sum.cpu, sum.memory, sum.storage = sum.gpu+s.gpu, sum.cpu+s.cpu, sum.memory+s.memory, sum.storage+s.storage
			minutes++
		}
		points = append(points, sources.UtilizationPoint{
			Time: start, GPU: sum.gpu / minutes, CPU: sum.cpu / minutes, Memory: sum.memory / minutes, Storage: sum.storage / minutes,
		})
	}
	return points, nil
}
