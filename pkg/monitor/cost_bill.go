package monitor

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/aiperf/monitor/pkg/fault"
	"github.com/aiperf/monitor/pkg/sources"
)

var errNoBilling = fault.Userf("no billing source is configured: cost queries need one; configure the Billing section of the data source settings or use the demo data source")

// bill is the charges of a span as the cost views count them: each charge
// once (records another feed also bills are left out) and each currency
// apart.
type bill struct {
	records    []sources.CostRecord // counted
	currencies []string             // sorted
	notes      []string             // what was left out, and why
}

// costBill reads the daily costs of [from, to) once per data request.
func (r *Request) costBill(ctx context.Context, from, to time.Time) (*bill, error) {
	src := r.Conns.Billing
	if src == nil {
		return nil, errNoBilling
	}
	b, err := remember(r.Loads, fmt.Sprintf("costs|%d|%d", from.UnixNano(), to.UnixNano()), func() (*bill, error) {
		records, err := src.DailyCosts(ctx, from, to)
		if err != nil {
			return nil, err
		}
		return billOf(records), nil
	})
	if err != nil {
		return nil, fmt.Errorf("reading daily costs: %w", err)
	}
	return b, nil
}

// billOf keeps the counted records and says which feeds' charges were left
// out as duplicates of another feed's.
func billOf(records []sources.CostRecord) *bill {
	b := &bill{records: make([]sources.CostRecord, 0, len(records))}
	type overlap struct{ feed, first, provider, category string }
	days := map[overlap]map[time.Time]bool{}
	currencies := map[string]bool{}
	for _, rec := range records {
		if rec.DuplicateOf != "" {
			o := overlap{rec.Feed, rec.DuplicateOf, rec.Provider, rec.Category}
			if days[o] == nil {
				days[o] = map[time.Time]bool{}
			}
			days[o][rec.Day] = true
			continue
		}
		b.records = append(b.records, rec)
		currencies[rec.Currency] = true
	}
	for c := range currencies {
		b.currencies = append(b.currencies, c)
	}
	sort.Strings(b.currencies)
	for o, d := range days {
		b.notes = append(b.notes, fmt.Sprintf("billing feed %s bills %s %s charges on %d days that feed %s also bills: they are counted once, from %s (the feed listed first)",
			o.feed, o.provider, o.category, len(d), o.first, o.first))
	}
	sort.Strings(b.notes)
	return b
}

// scoped is the bill of the models in scope: the query's model, or every charge.
func (b *bill) scoped(model string) *bill {
	if model == "" {
		return b
	}
	out := &bill{notes: b.notes}
	currencies := map[string]bool{}
	for _, rec := range b.records {
		if rec.Model == model {
			out.records = append(out.records, rec)
			currencies[rec.Currency] = true
		}
	}
	for _, c := range b.currencies {
		if currencies[c] {
			out.currencies = append(out.currencies, c)
		}
	}
	return out
}

// mixed reports whether the bill is in more than one currency.
func (b *bill) mixed() bool { return len(b.currencies) > 1 }

// mixedNote says that amounts in different currencies stay apart.
func (b *bill) mixedNote() string {
	return fmt.Sprintf("charges are billed in %d currencies (%s): amounts are shown per currency and never added across currencies, and unit costs, budgets and ROI, which need one total, are left undefined",
		len(b.currencies), strings.Join(b.currencies, ", "))
}

// inCurrency returns the records in one currency.
func (b *bill) inCurrency(currency string) []sources.CostRecord {
	var out []sources.CostRecord
	for _, rec := range b.records {
		if rec.Currency == currency {
			out = append(out, rec)
		}
	}
	return out
}

// billingRecords reads the bill of [from, to) for the models in scope.
func (r *Request) billingRecords(ctx context.Context, from, to time.Time) (*bill, error) {
	b, err := r.costBill(ctx, from, to)
	if err != nil || r.Query.Model == "" {
		return b, err
	}
	if _, err := r.model(); err != nil {
		return nil, err
	}
	return b.scoped(r.Query.Model), nil
}
