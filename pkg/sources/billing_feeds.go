package sources

import (
	"context"
	"fmt"
	"time"
)

// NamedBilling is one billing feed of a fleet.
type NamedBilling struct {
	Name   string
	Source BillingSource
}

// CombinedBilling reads every feed of a fleet and returns their charges
// together; a feed that fails fails the read, naming the feed. Feeds cover
// different charges (cloud bill, LLM invoices), so their records add up.
func CombinedBilling(feeds []NamedBilling) BillingSource {
	if len(feeds) == 1 {
		return feeds[0].Source
	}
	return combinedBilling(feeds)
}

type combinedBilling []NamedBilling

func (c combinedBilling) DailyCosts(ctx context.Context, from, to time.Time) ([]CostRecord, error) {
	var out []CostRecord
	for _, f := range c {
		records, err := f.Source.DailyCosts(ctx, from, to)
		if err != nil {
			return nil, fmt.Errorf("billing feed %s: %w", f.Name, err)
		}
		out = append(out, records...)
	}
	return out, nil
}
