package postgres

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"sync"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/aiperf/monitor/pkg/catalog"
	"github.com/aiperf/monitor/pkg/fault"
	"github.com/aiperf/monitor/pkg/sources"
	"github.com/aiperf/monitor/pkg/sources/inference/logstore"
)

// columnsTTL is how long the table's discovered columns are trusted.
const columnsTTL = time.Minute

// Store reads one predictions table.
type Store struct {
	pool    *pgxpool.Pool
	s       Settings
	field   string // the settings' jsonData path, for messages
	timeout time.Duration

	mu         sync.Mutex
	columns    []logstore.Column
	relation   string // the quoted schema.table
	discovered time.Time
}

var (
	_ sources.InferenceSource = (*Store)(nil)
	_ sources.HealthChecker   = (*Store)(nil)
)

// Open validates the settings and creates the pool; connections open on
// first use, so a server that is down fails its queries, each saying so.
func Open(ctx context.Context, raw json.RawMessage, field string, secrets map[string]string) (*Store, error) {
	s, c, err := ParseSettings(raw, field, secrets)
	if err != nil {
		return nil, err
	}
	cfg, err := pgxpool.ParseConfig("")
	if err != nil {
		return nil, fmt.Errorf("postgres: %w", err)
	}
	cc := cfg.ConnConfig
	cc.Host, cc.Port, cc.Database, cc.User, cc.Password, cc.TLSConfig = c.host, c.port, c.database, c.user, c.password, c.tls
	cc.Fallbacks = nil
	cc.ConnectTimeout = 10 * time.Second
	cc.RuntimeParams = map[string]string{
		"application_name":  "aiperf-monitor",
		"statement_timeout": fmt.Sprint(c.timeout.Milliseconds()),
		// Compiling these one-off aggregations costs more than it saves.
		"jit": "off",
	}
	cfg.MaxConns = c.maxConns
	cfg.MaxConnLifetime = c.lifetime
	pool, err := pgxpool.NewWithConfig(ctx, cfg)
	if err != nil {
		return nil, catalog.FieldError{Field: field + ".url", Problem: "the pool could not be created: " + err.Error()}
	}
	return &Store{pool: pool, s: s, field: field, timeout: c.timeout}, nil
}

// Close closes the pool.
func (st *Store) Close() error {
	st.pool.Close()
	return nil
}

// Settings are the store's validated settings (no secrets).
func (st *Store) Settings() Settings { return st.s }

// describe names the store in messages.
func (st *Store) describe() string {
	return fmt.Sprintf("PostgreSQL %s at %s", fault.Echo(st.s.Database), st.s.URL)
}

// Columns lists the predictions table's columns, re-read at most once a minute.
func (st *Store) Columns(ctx context.Context) ([]logstore.Column, error) {
	st.mu.Lock()
	defer st.mu.Unlock()
	if st.columns != nil && time.Since(st.discovered) < columnsTTL {
		return st.columns, nil
	}
	schema, table, qualified := strings.Cut(st.s.Table, ".")
	if !qualified {
		schema, table = "", st.s.Table
	}
	rows, err := st.pool.Query(ctx, `SELECT table_schema, column_name, data_type, is_nullable = 'YES'
		FROM information_schema.columns
		WHERE table_name = $1 AND table_schema = CASE WHEN $2 = '' THEN current_schema() ELSE $2 END
		ORDER BY ordinal_position`, table, schema)
	if err != nil {
		return nil, st.classify(ctx, err, "reading the columns of "+fault.Echo(st.s.Table))
	}
	defer rows.Close()
	var cols []logstore.Column
	for rows.Next() {
		var c logstore.Column
		if err := rows.Scan(&schema, &c.Name, &c.Type, &c.Nullable); err != nil {
			return nil, st.classify(ctx, err, "reading the columns of "+fault.Echo(st.s.Table))
		}
		c.Class = classOf(c.Type)
		cols = append(cols, c)
	}
	if err := rows.Err(); err != nil {
		return nil, st.classify(ctx, err, "reading the columns of "+fault.Echo(st.s.Table))
	}
	if len(cols) == 0 {
		return nil, catalog.FieldError{Field: st.field + ".table", Problem: fmt.Sprintf("%s has no table or view %s that user %s may read: check the name (schema.table) and GRANT SELECT on it", st.describe(), fault.Echo(st.s.Table), fault.Echo(st.s.User))}
	}
	st.columns, st.relation, st.discovered = cols, ident(schema)+"."+ident(table), time.Now()
	return cols, nil
}

// classOf sorts a PostgreSQL type (information_schema's data_type).
func classOf(dataType string) logstore.Class {
	switch dataType {
	case "double precision", "real", "numeric":
		return logstore.ClassFloat
	case "smallint", "integer", "bigint":
		return logstore.ClassInteger
	case "text", "character varying", "character", "name", "citext":
		return logstore.ClassText
	case "boolean":
		return logstore.ClassBool
	case "timestamp with time zone", "timestamp without time zone":
		return logstore.ClassTime
	}
	return logstore.ClassOther
}

// table resolves the model's columns against the table.
func (st *Store) table(ctx context.Context, model string) (*logstore.Table, string, error) {
	cols, err := st.Columns(ctx)
	if err != nil {
		return nil, "", err
	}
	t, err := st.s.Mapping.Resolve(st.field, cols, model)
	if err != nil {
		return nil, "", err
	}
	st.mu.Lock()
	relation := st.relation
	st.mu.Unlock()
	return t, relation, nil
}

// each runs q and calls row after scanning each row into targets.
func (st *Store) each(ctx context.Context, q *query, targets []any, row func() error) error {
	rows, err := st.pool.Query(ctx, q.sql.String(), q.args...)
	if err != nil {
		return err
	}
	_, err = pgx.ForEachRow(rows, targets, row)
	return err
}
