package focus

import (
	"encoding/json"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"time"

	"github.com/shopspring/decimal"

	"github.com/aiperf/monitor/pkg/sources"
)

const day = 24 * time.Hour

// charge is one row as the connector counts it.
type charge struct {
	start, end time.Time
	key        recordKey
	amount     decimal.Decimal
	tokens     float64
}

// recordKey is what a daily record is aggregated by, besides its day.
type recordKey struct {
	model, category, provider, service, currency string
}

// reader turns rows into charges with a feed's settings.
type reader struct {
	costColumn string
	modelTag   string
	rules      []CategoryRule
	ix         columnIndex
}

// chargeOf reads one row; errors name the column and the fix.
func (r *reader) chargeOf(row []string) (charge, error) {
	var c charge
	var err error
	if c.start, err = parseTime(cell(row, r.ix.chargeStart)); err != nil {
		return c, fmt.Errorf("ChargePeriodStart %w", err)
	}
	if c.end, err = parseTime(cell(row, r.ix.chargeEnd)); err != nil {
		return c, fmt.Errorf("ChargePeriodEnd %w", err)
	}
	if c.end.Before(c.start) {
		return c, fmt.Errorf("ChargePeriodEnd %s is before ChargePeriodStart %s", c.end.Format(time.RFC3339), c.start.Format(time.RFC3339))
	}
	cost := cell(row, r.ix.cost)
	if c.amount, err = decimal.NewFromString(cost); err != nil {
		return c, fmt.Errorf("%s %s is not a decimal number (FOCUS cost columns are never null)", r.costColumn, quote(cost))
	}
	category := cell(row, r.ix.chargeCategory)
	if !slices.Contains(chargeCategories, category) {
		return c, fmt.Errorf("ChargeCategory %s is not a FOCUS charge category (%s)", quote(category), strings.Join(chargeCategories, ", "))
	}
	currency := strings.ToUpper(cell(row, r.ix.currency))
	if !currencyCode.MatchString(currency) {
		return c, fmt.Errorf("BillingCurrency %s is not an ISO 4217 code", quote(currency))
	}
	provider := cell(row, r.ix.provider)
	if provider == "" {
		provider = cell(row, r.ix.invoiceIssuer)
	}
	model, err := tagValue(cell(row, r.ix.tags), r.modelTag)
	if err != nil {
		return c, fmt.Errorf("Tags %w", err)
	}
	c.key = recordKey{model: model, category: categoryOf(r.rules, row, r.ix), provider: provider, service: cell(row, r.ix.serviceName), currency: currency}
	c.tokens = tokensOf(cell(row, r.ix.consumedQuantity), cell(row, r.ix.consumedUnit))
	return c, nil
}

var currencyCode = regexp.MustCompile(`^[A-Z]{3}$`)

// parseTime reads FOCUS date/times: ISO 8601 in UTC ("2026-11-01T00:00:00Z"),
// also with an offset, fractional seconds or a space for the T.
func parseTime(s string) (time.Time, error) {
	for _, layout := range []string{time.RFC3339Nano, "2006-01-02 15:04:05Z07:00", "2006-01-02T15:04:05", "2006-01-02 15:04:05", time.DateOnly} {
		if t, err := time.Parse(layout, s); err == nil {
			return t.UTC(), nil
		}
	}
	return time.Time{}, fmt.Errorf("%s is not an ISO 8601 date/time such as 2026-11-01T00:00:00Z", quote(s))
}

// tagValue is the value of key in a FOCUS Tags object; "" when the row has
// no tags or not that key.
func tagValue(tags, key string) (string, error) {
	if tags == "" || tags == "{}" {
		return "", nil
	}
	var m map[string]any
	if err := json.Unmarshal([]byte(tags), &m); err != nil {
		return "", fmt.Errorf("is not a JSON object of key-value pairs")
	}
	switch v := m[key].(type) {
	case string:
		return strings.TrimSpace(v), nil
	case nil:
		return "", nil
	default:
		return strings.TrimSpace(fmt.Sprint(v)), nil
	}
}

// tagsJSON writes a map column's pairs as FOCUS's JSON Tags.
func tagsJSON(m map[string]string) string {
	b, _ := json.Marshal(m)
	return string(b)
}

var tokenUnit = regexp.MustCompile(`(?i)^\s*(?:(\d+)\s*)?([km]|thousand|million)?\s*tokens?\s*$`)

// tokensOf reads the tokens a row consumed when its ConsumedUnit counts
// tokens ("Tokens", "1K Tokens", "1M tokens"); 0 otherwise.
func tokensOf(quantity, unit string) float64 {
	m := tokenUnit.FindStringSubmatch(unit)
	if m == nil || quantity == "" {
		return 0
	}
	q, err := decimal.NewFromString(quantity)
	if err != nil {
		return 0
	}
	scale := decimal.NewFromInt(1)
	if m[1] != "" {
		scale, _ = decimal.NewFromString(m[1])
	}
	switch strings.ToLower(m[2]) {
	case "k", "thousand":
		scale = scale.Mul(decimal.NewFromInt(1_000))
	case "m", "million":
		scale = scale.Mul(decimal.NewFromInt(1_000_000))
	}
	return q.Mul(scale).InexactFloat64()
}

func quote(s string) string {
	if len(s) > 60 {
		s = s[:60] + "…"
	}
	return fmt.Sprintf("%q", s)
}

// daily aggregates charges into one record per day and key.
type daily struct {
	records map[time.Time]map[recordKey]*sources.CostRecord
}

func newDaily() *daily { return &daily{records: map[time.Time]map[recordKey]*sources.CostRecord{}} }

// add spreads a charge over the UTC days of its charge period, in
// proportion to the time in each; the parts add up to the amount exactly
// (the last day takes the remainder). Days outside [first, end) are dropped.
func (d *daily) add(c charge, first, end time.Time) {
	startDay := c.start.Truncate(day)
	if !c.end.After(c.start) || !c.end.After(startDay.Add(day)) {
		d.put(startDay, c.key, c.amount, c.tokens, first, end)
		return
	}
	total := c.end.Sub(c.start)
	remaining, tokensLeft := c.amount, c.tokens
	for from := c.start; from.Before(c.end); {
		to := from.Truncate(day).Add(day)
		if c.end.Before(to) {
			to = c.end
		}
		amount, tokens := remaining, tokensLeft
		if to.Before(c.end) {
			share := decimal.NewFromInt(int64(to.Sub(from))).Div(decimal.NewFromInt(int64(total)))
			amount = c.amount.Mul(share).Round(12)
			tokens = c.tokens * float64(to.Sub(from)) / float64(total)
		}
		remaining, tokensLeft = remaining.Sub(amount), tokensLeft-tokens
		d.put(from.Truncate(day), c.key, amount, tokens, first, end)
		from = to
	}
}

func (d *daily) put(dayStart time.Time, key recordKey, amount decimal.Decimal, tokens float64, first, end time.Time) {
	if dayStart.Before(first) || !dayStart.Before(end) {
		return
	}
	byKey := d.records[dayStart]
	if byKey == nil {
		byKey = map[recordKey]*sources.CostRecord{}
		d.records[dayStart] = byKey
	}
	r := byKey[key]
	if r == nil {
		r = &sources.CostRecord{Day: dayStart, Model: key.model, Category: key.category, Provider: key.provider, Service: key.service, Currency: key.currency}
		byKey[key] = r
	}
	r.Amount = r.Amount.Add(amount)
	r.Tokens += tokens
}

// between lists the records of the days in [first, end), oldest first.
func (d *daily) between(first, end time.Time) []sources.CostRecord {
	var days []time.Time
	for t := range d.records {
		if !t.Before(first) && t.Before(end) {
			days = append(days, t)
		}
	}
	slices.SortFunc(days, func(a, b time.Time) int { return a.Compare(b) })
	var out []sources.CostRecord
	for _, t := range days {
		start := len(out)
		for _, r := range d.records[t] {
			out = append(out, *r)
		}
		slices.SortFunc(out[start:], func(a, b sources.CostRecord) int {
			return strings.Compare(a.Model+"\x00"+a.Category+"\x00"+a.Provider+"\x00"+a.Service+"\x00"+a.Currency,
				b.Model+"\x00"+b.Category+"\x00"+b.Provider+"\x00"+b.Service+"\x00"+b.Currency)
		})
	}
	return out
}
