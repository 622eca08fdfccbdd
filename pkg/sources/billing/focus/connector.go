package focus

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/aiperf/monitor/pkg/fault"
	"github.com/aiperf/monitor/pkg/sources"
)

// maxRows bounds the rows one read may parse: about a year of hourly
// charges of a large account.
const maxRows = 50_000_000

// Connector serves a FOCUS export's charges as daily cost records.
type Connector struct {
	table      Table
	costColumn string
	modelTag   string
	rules      []CategoryRule

	mu     sync.Mutex
	parsed *parse // the last parse of a snapshot table
}

var (
	_ sources.BillingSource = (*Connector)(nil)
	_ sources.HealthChecker = (*Connector)(nil)
)

// parse is what one read of a table found.
type parse struct {
	version          string
	days             *daily
	rows, attributed int
	currencies       map[string]bool
}

// Open builds the connector of a feed from its options and secrets: the
// export at a local path or URL (secret "token": a bearer token for it).
func Open(raw json.RawMessage, field string, secrets map[string]string, client *http.Client) (*Connector, error) {
	s, rules, err := ParseSettings(raw, field)
	if err != nil {
		return nil, err
	}
	loc := newLocation(s.Location, client, secrets["token"])
	var table Table = csvTable{loc}
	if s.Format == FormatParquet {
		table = parquetTable{loc}
	}
	return New(table, s, rules), nil
}

// New serves the rows of any table (a file, a SQL table) with the settings.
func New(table Table, s Settings, rules []CategoryRule) *Connector {
	return &Connector{table: table, costColumn: s.CostColumn, modelTag: s.ModelTag, rules: rules}
}

// DailyCosts returns the records of the UTC days overlapping [from, to).
func (c *Connector) DailyCosts(ctx context.Context, from, to time.Time) ([]sources.CostRecord, error) {
	first, end := from.UTC().Truncate(day), to.UTC()
	p, err := c.read(ctx, first, end)
	if err != nil {
		return nil, err
	}
	return p.days.between(first, end), nil
}

// CheckHealth reads the export and says what it holds.
func (c *Connector) CheckHealth(ctx context.Context) (string, error) {
	now := time.Now().UTC()
	p, err := c.read(ctx, now.AddDate(0, 0, -31).Truncate(day), now)
	if err != nil {
		return "", err
	}
	currencies := make([]string, 0, len(p.currencies))
	for cur := range p.currencies {
		currencies = append(currencies, cur)
	}
	sort.Strings(currencies)
	detail := fmt.Sprintf("%s: %d rows, %d attributed to a model by tag %q, counting %s", c.table.Describe(), p.rows, p.attributed, c.modelTag, c.costColumn)
	if len(currencies) > 0 {
		detail += " in " + strings.Join(currencies, ", ")
	}
	return detail, nil
}

// read parses the rows of [first, end). A snapshot table is parsed whole
// once per version and every span is answered from that parse.
func (c *Connector) read(ctx context.Context, first, end time.Time) (*parse, error) {
	s, ok := c.table.(snapshot)
	if !ok {
		return c.readRows(ctx, first, end)
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	version, err := s.version(ctx)
	if err != nil {
		return nil, err
	}
	if c.parsed != nil && c.parsed.version == version {
		return c.parsed, nil
	}
	p, err := c.readRows(ctx, time.Time{}, time.Date(9999, 1, 1, 0, 0, 0, 0, time.UTC))
	if err != nil {
		return nil, err
	}
	p.version = version
	c.parsed = p
	return p, nil
}

// readRows aggregates the table's rows into daily records.
func (c *Connector) readRows(ctx context.Context, first, end time.Time) (*parse, error) {
	rows, err := c.table.Rows(ctx, first, end)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	ix, err := indexColumns(rows.Columns(), c.costColumn)
	if err != nil {
		return nil, fault.Downstream(fmt.Errorf("%s: %w", c.table.Describe(), err))
	}
	r := reader{costColumn: c.costColumn, modelTag: c.modelTag, rules: c.rules, ix: ix}
	p := &parse{days: newDaily(), currencies: map[string]bool{}}
	for {
		if p.rows%4096 == 0 {
			if err := ctx.Err(); err != nil {
				return nil, err
			}
		}
		row, err := rows.Next()
		if errors.Is(err, io.EOF) {
			return p, nil
		}
		if err != nil {
			return nil, fault.Downstream(fmt.Errorf("%s, after row %d: %w", c.table.Describe(), p.rows, err))
		}
		p.rows++
		if p.rows > maxRows {
			return nil, fault.Userf("%s has more than %d rows: export a shorter period per file", c.table.Describe(), maxRows)
		}
		ch, err := r.chargeOf(row)
		if err != nil {
			return nil, fault.Downstream(fmt.Errorf("%s, row %d: %w", c.table.Describe(), p.rows, err))
		}
		if ch.key.model != "" {
			p.attributed++
		}
		p.currencies[ch.key.currency] = true
		p.days.add(ch, first, end)
	}
}
