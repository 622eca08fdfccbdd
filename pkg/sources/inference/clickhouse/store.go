package clickhouse

import (
	"context"
	"encoding/json"
	"fmt"
	"regexp"
	"strings"
	"sync"
	"time"

	"github.com/aiperf/monitor/pkg/catalog"
	"github.com/aiperf/monitor/pkg/fault"
	"github.com/aiperf/monitor/pkg/sources"
	"github.com/aiperf/monitor/pkg/sources/inference/logstore"
)

// columnsTTL is how long the table's discovered columns are trusted.
const columnsTTL = time.Minute

// Store reads one predictions table.
type Store struct {
	c     *client
	s     Settings
	field string

	mu         sync.Mutex
	columns    []logstore.Column
	relation   string
	discovered time.Time
}

var (
	_ sources.InferenceSource = (*Store)(nil)
	_ sources.HealthChecker   = (*Store)(nil)
	_ logstore.Inspector      = (*Store)(nil)
)

// Open validates the settings; the server is first reached by a query.
func Open(raw json.RawMessage, field string, secrets map[string]string) (*Store, error) {
	s, c, err := parseSettings(raw, field, secrets)
	if err != nil {
		return nil, err
	}
	return &Store{c: c, s: s, field: field}, nil
}

// Close releases idle connections.
func (st *Store) Close() error {
	st.c.http.CloseIdleConnections()
	return nil
}

func (st *Store) describe() string {
	return fmt.Sprintf("ClickHouse %s at %s", fault.Echo(st.s.Database), st.c.base.Host)
}

// Columns lists the predictions table's columns, re-read at most once a minute.
func (st *Store) Columns(ctx context.Context) ([]logstore.Column, error) {
	st.mu.Lock()
	defer st.mu.Unlock()
	if st.columns != nil && time.Since(st.discovered) < columnsTTL {
		return st.columns, nil
	}
	database, table, qualified := strings.Cut(st.s.Table, ".")
	if !qualified {
		database, table = st.s.Database, st.s.Table
	}
	body, err := st.c.query(ctx, fmt.Sprintf("SELECT name, type FROM system.columns WHERE database = %s AND table = %s FORMAT RowBinary", stringLiteral(database), stringLiteral(table)))
	if err != nil {
		return nil, st.classify(ctx, err, "reading the columns of "+fault.Echo(st.s.Table))
	}
	r := &rowBinary{b: body}
	var cols []logstore.Column
	for r.more() {
		c := logstore.Column{Name: r.string(), Type: r.string()}
		c.Class, c.Nullable = classOf(c.Type)
		cols = append(cols, c)
	}
	if r.err != nil {
		return nil, fault.Downstream(fmt.Errorf("reading the columns of %s: %w", fault.Echo(st.s.Table), r.err))
	}
	if len(cols) == 0 {
		return nil, catalog.FieldError{Field: st.field + ".table", Problem: fmt.Sprintf("%s has no table or view %s that user %s may read: check the name (database.table or table) and grant SELECT on it", st.describe(), fault.Echo(st.s.Table), fault.Echo(st.s.User))}
	}
	st.columns, st.relation, st.discovered = cols, ident(database)+"."+ident(table), time.Now()
	return cols, nil
}

var (
	wrapper  = regexp.MustCompile(`^(Nullable|LowCardinality)\((.*)\)$`)
	floatish = regexp.MustCompile(`^(Float32|Float64|Decimal(32|64|128|256)?\(.*\))$`)
	integers = regexp.MustCompile(`^U?Int(8|16|32|64|128|256)$`)
	texts    = regexp.MustCompile(`^(String|FixedString\(\d+\)|Enum(8|16)?\(.*\)|UUID)$`)
	times    = regexp.MustCompile(`^DateTime(64)?(\(.*\))?$`)
)

// classOf sorts a ClickHouse type, unwrapping Nullable and LowCardinality.
func classOf(typ string) (logstore.Class, bool) {
	nullable := false
	for {
		m := wrapper.FindStringSubmatch(typ)
		if m == nil {
			break
		}
		nullable = nullable || m[1] == "Nullable"
		typ = m[2]
	}
	switch {
	case floatish.MatchString(typ):
		return logstore.ClassFloat, nullable
	case integers.MatchString(typ):
		return logstore.ClassInteger, nullable
	case typ == "Bool":
		return logstore.ClassBool, nullable
	case texts.MatchString(typ):
		return logstore.ClassText, nullable
	case times.MatchString(typ):
		return logstore.ClassTime, nullable
	}
	return logstore.ClassOther, nullable
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
