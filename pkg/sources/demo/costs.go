package demo

import (
	"context"
	"math"
	"time"

	"github.com/aiperf/monitor/pkg/sources"
)

// Cost categories, as in sources.CostRecord.
const (
	categoryCompute = "compute"
	categoryGPU     = "gpu"
	categoryStorage = "storage"
	categoryNetwork = "network"
	categoryAPI     = "api"
	categoryTokens  = "tokens"
	categoryOther   = "other"
)

// sharedPlatformPerDay is the unattributed cost of the fleet's monitoring.
const sharedPlatformPerDay = 38

// DailyCosts returns one record per (day, model, category) for the days
// overlapping [from, to), up to yesterday: like a real bill, today's charges
// are not final yet. Summing a field over records never double-counts:
// Predictions is set once per model and day (on the compute record), Tokens
// on the tokens record and IdleGPUHours on the gpu record. Days before the
// fleet's history are not billed.
func (f *Fleet) DailyCosts(ctx context.Context, from, to time.Time) ([]sources.CostRecord, error) {
	if err := checkRange(from, to); err != nil {
		return nil, err
	}
	anchor := anchorOf(f.now())
	end := to
	if anchor.Before(end) {
		end = anchor
	}
	first := from.UTC().Truncate(oneDay)
	if start := historyStart(anchor); first.Before(start) {
		first = start
	}
	var records []sources.CostRecord
	for d := first; d.Before(end); d = d.Add(oneDay) {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		for _, p := range fleetProfiles {
			records = append(records, p.dailyCosts(d, anchor)...)
		}
		records = append(records, sources.CostRecord{
			Day: d, Category: categoryOther, Provider: "AWS", Service: "Amazon CloudWatch",
			Amount: round2(sharedPlatformPerDay * (1 + 0.02*gaussian(hashString("shared"), d.Unix()/86400, chCost))),
		})
	}
	return records, nil
}

// dayTotals are one model's served requests and GPU use over one day.
type dayTotals struct {
	requests, errors float64
	meanGPU          float64
}

func (p *profile) totals(d, anchor time.Time) dayTotals {
	disruptions := p.disruptions(d, d.Add(oneDay))
	var t dayTotals
	gpu := 0.0
	for m := d; m.Before(d.Add(oneDay)); m = m.Add(time.Minute) {
		s := p.minute(m, anchor, activeDisruption(disruptions, m))
		t.requests += s.requests
		t.errors += s.errors
		gpu += p.utilizationAt(m, anchor).gpu
	}
	t.meanGPU = gpu / float64(oneDay/time.Minute)
	return t
}

func (p *profile) dailyCosts(d, anchor time.Time) []sources.CostRecord {
	t := p.totals(d, anchor)
	jitter := 1 + 0.03*gaussian(p.seed, d.Unix()/86400, chCost)
	// Compute autoscales with traffic.
	scale := growth(d.Add(oneDay/2), anchor)
	predictions := t.requests - t.errors
	record := func(category, provider, service string, amount float64) sources.CostRecord {
		return sources.CostRecord{Day: d, Model: p.spec.ID, Category: category, Provider: provider, Service: service, Amount: round2(amount)}
	}

	compute := record(categoryCompute, "AWS", "Amazon EKS", p.computePerDay*scale*jitter)
	compute.Predictions = predictions
	records := []sources.CostRecord{
		compute,
		record(categoryStorage, "AWS", "Amazon S3", p.storagePerDay*(1+storageGrowthPerDay*d.Sub(anchor).Hours()/24)),
		record(categoryNetwork, "AWS", "Data Transfer", t.requests/1e6*p.networkPerMillion),
	}
	if p.gpus > 0 {
		gpu := record(categoryGPU, "AWS", "Amazon EC2 GPU instances", p.gpus*24*p.gpuHourPrice)
		gpu.IdleGPUHours = p.gpus * 24 * (1 - t.meanGPU)
		records = append(records, gpu)
	}
	if p.apiPerRequest > 0 {
		records = append(records, record(categoryAPI, "Credit bureau", "Credit report API", t.requests*p.apiPerRequest))
	}
	if p.tokensPerRequest > 0 {
		tokens := predictions * p.tokensPerRequest * jitter
		r := record(categoryTokens, "OpenAI", "Chat Completions API", tokens/1000*p.tokenPricePer1k)
		r.Tokens = tokens
		records = append(records, r)
	}
	return records
}

func round2(x float64) float64 { return math.Round(x*100) / 100 }
