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
// together, each record stamped with its feed; a feed that fails fails the
// read, naming the feed.
//
// Feeds may overlap: a FOCUS export of a FinOps platform often carries the
// OpenAI invoice that an OpenAI feed also reads. The feeds are listed in
// order of preference, so where two feeds bill the same provider and
// category on the same day, the records of the first are counted and those
// of the later feed are marked DuplicateOf it (kept, so views can say what
// was left out, but never added).
func CombinedBilling(feeds []NamedBilling) BillingSource {
	return combinedBilling(feeds)
}

type combinedBilling []NamedBilling

// chargeKey is what two feeds must share to bill the same charges.
type chargeKey struct {
	day      int64
	provider string
	category string
}

func (c combinedBilling) DailyCosts(ctx context.Context, from, to time.Time) ([]CostRecord, error) {
	var out []CostRecord
	owner := map[chargeKey]string{}
	for _, f := range c {
		records, err := f.Source.DailyCosts(ctx, from, to)
		if err != nil {
			return nil, fmt.Errorf("billing feed %s: %w", f.Name, err)
		}
		claimed := map[chargeKey]bool{}
		for _, r := range records {
			r.Feed = f.Name
			key := chargeKey{r.Day.Unix(), ProviderKey(r.Provider), r.Category}
			if first, ok := owner[key]; ok {
				r.DuplicateOf = first
			} else {
				claimed[key] = true
			}
			out = append(out, r)
		}
		for key := range claimed {
			owner[key] = f.Name
		}
	}
	return out, nil
}
