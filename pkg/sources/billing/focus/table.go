// Package focus reads FinOps FOCUS 1.x cost and usage exports (CSV or
// Parquet, local or over HTTP(S), gzipped or not) into daily cost records:
// the cost column chosen (EffectiveCost by default), attributed to models by
// a tag and to the cost views' categories by rules over ServiceCategory,
// ServiceSubcategory, ServiceName and ResourceType, each row in its own
// billing currency.
//
// Reading is split in two: a Table yields rows as text cells (a file today;
// a SQL table of the configured PostgreSQL or ClickHouse store can implement
// the same interface), and the connector turns rows into charges the same
// way whatever the table.
package focus

import (
	"context"
	"time"
)

// Rows iterates a FOCUS export's rows as text cells, one per column in
// Columns order; an empty cell is null. Next returns io.EOF after the last
// row; the returned slice may be reused by the next call.
type Rows interface {
	Columns() []string
	Next() ([]string, error)
	Close() error
}

// Table is where a FOCUS export is read from.
type Table interface {
	// Rows opens the rows whose charge period overlaps [from, to). A table
	// that cannot filter (a file) returns every row: the connector skips
	// rows outside the span.
	Rows(ctx context.Context, from, to time.Time) (Rows, error)
	// Describe names the table in messages, never with a secret.
	Describe() string
}

// snapshot is a Table read whole (a file or a download): its rows are
// parsed once per version of its content, and every span is answered from
// that parse.
type snapshot interface {
	Table
	// version identifies the content (modification time and size, an
	// ETag): a table whose version has not changed is not read again.
	version(ctx context.Context) (string, error)
}
