package demo

import (
	"context"
	"time"

	"github.com/shopspring/decimal"

	"github.com/aiperf/monitor/pkg/sources"
)

// currency is the demo bill's currency.
const currency = "USD"

// sharedPlatformPerDay is the unattributed cost of the fleet's monitoring.
const sharedPlatformPerDay = 38

// DailyCosts returns one record per (day, model, category) for the days
// overlapping [from, to), up to yesterday: like a real bill, today's charges
// are not final yet. Summing a field over records never double-counts:
// Tokens is set on the LLM record and IdleGPUHours on the GPU record. Days
// before the fleet's history are not billed.
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
			Day: d, Category: sources.CategoryPlatform, Provider: "AWS", Service: "Amazon CloudWatch", Currency: currency,
			Amount: cents(sharedPlatformPerDay * (1 + 0.02*gaussian(hashString("shared"), d.Unix()/86400, chCost))),
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
		return sources.CostRecord{Day: d, Model: p.spec.ID, Category: category, Provider: provider, Service: service, Currency: currency, Amount: cents(amount)}
	}

	records := []sources.CostRecord{
		record(sources.CategoryCompute, "AWS", "Amazon EKS", p.computePerDay*scale*jitter),
		record(sources.CategoryStorage, "AWS", "Amazon S3", p.storagePerDay*(1+storageGrowthPerDay*d.Sub(anchor).Hours()/24)),
		record(sources.CategoryNetwork, "AWS", "Data Transfer", t.requests/1e6*p.networkPerMillion),
	}
	if p.gpus > 0 {
		gpu := record(sources.CategoryGPU, "AWS", "Amazon EC2 GPU instances", p.gpus*24*p.gpuHourPrice)
		gpu.GPUHours = p.gpus * 24
		gpu.IdleGPUHours = gpu.GPUHours * (1 - t.meanGPU)
		records = append(records, gpu)
	}
	if p.apiPerRequest > 0 {
		records = append(records, record(sources.CategoryPlatform, "Credit bureau", "Credit report API", t.requests*p.apiPerRequest))
	}
	if p.tokensPerRequest > 0 {
		tokens := predictions * p.tokensPerRequest * jitter
		r := record(sources.CategoryLLM, "OpenAI", "Chat Completions API", tokens/1000*p.tokenPricePer1k)
		r.Tokens = tokens
		records = append(records, r)
	}
	return records
}

// cents is an amount rounded to the cent, as bills state them.
func cents(x float64) decimal.Decimal { return decimal.NewFromFloat(x).Round(2) }
