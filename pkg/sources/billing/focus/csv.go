package focus

import (
	"context"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"time"
)

// csvTable is a FOCUS export in a CSV file (RFC 4180, header row first).
type csvTable struct{ loc location }

var _ snapshot = csvTable{}

func (t csvTable) Describe() string { return "FOCUS CSV " + t.loc.String() }

func (t csvTable) version(ctx context.Context) (string, error) { return t.loc.version(ctx) }

func (t csvTable) Rows(ctx context.Context, _, _ time.Time) (Rows, error) {
	body, err := t.loc.open(ctx)
	if err != nil {
		return nil, err
	}
	r := csv.NewReader(body)
	r.ReuseRecord = true
	r.FieldsPerRecord = 0 // every row as wide as the header
	header, err := r.Read()
	if err != nil {
		body.Close()
		if errors.Is(err, io.EOF) {
			return nil, fmt.Errorf("the FOCUS export %s is empty: it has no header row", t.loc)
		}
		return nil, fmt.Errorf("reading the header of the FOCUS export %s: %w", t.loc, err)
	}
	return &csvRows{r: r, body: body, columns: append([]string(nil), header...)}, nil
}

type csvRows struct {
	r       *csv.Reader
	body    io.Closer
	columns []string
}

func (c *csvRows) Columns() []string { return c.columns }

func (c *csvRows) Next() ([]string, error) {
	row, err := c.r.Read()
	var parseErr *csv.ParseError
	if errors.As(err, &parseErr) {
		return nil, fmt.Errorf("line %d is not valid CSV (%v): the export is damaged or not a CSV file", parseErr.Line, parseErr.Err)
	}
	return row, err
}

func (c *csvRows) Close() error { return c.body.Close() }
