package clickhouse

import (
	"context"
	"errors"
	"fmt"
	"net"

	"github.com/aiperf/monitor/pkg/catalog"
	"github.com/aiperf/monitor/pkg/fault"
)

// classify turns a transport or server error into one that says whose it
// is to fix and which setting to look at; it never repeats the password
// (the server's messages do not hold it, and URLs carry no credentials).
func (st *Store) classify(ctx context.Context, err error, doing string) error {
	if ctx.Err() != nil {
		return fmt.Errorf("%s: %w", doing, ctx.Err())
	}
	setting := func(name, problem string) error {
		return catalog.FieldError{Field: st.field + "." + name, Problem: doing + ": " + problem}
	}
	if se, ok := isServerError(err); ok {
		switch se.Code {
		case 192, 193, 194, 516:
			return setting("user", fmt.Sprintf("%s refused user %s: check the user and the password", st.describe(), fault.Echo(st.s.User)))
		case 81:
			return setting("database", fmt.Sprintf("%s has no database %s: check the database name", st.describe(), fault.Echo(st.s.Database)))
		case 60:
			return setting("table", fmt.Sprintf("%s has no table %s: check the table name", st.describe(), fault.Echo(st.s.Table)))
		case 47, 16:
			return setting("features", "a mapped column is gone from the table; pick the columns again ("+se.Message+")")
		case 497, 164:
			return setting("user", fmt.Sprintf("user %s may not read the table (%s): grant SELECT on it", fault.Echo(st.s.User), se.Message))
		case 159, 209, 210:
			return setting("statementTimeout", fmt.Sprintf("the statement ran past the statement timeout of %ds on %s: narrow the time range, widen the interval, or raise the timeout", st.s.StatementTimeout, st.describe()))
		case -401, -403:
			return setting("user", fmt.Sprintf("%s refused the credentials (%s): check the user and the password", st.describe(), se.Message))
		}
		return fault.Downstream(fmt.Errorf("%s: %s answered %s", doing, st.describe(), se.Message))
	}
	var netErr net.Error
	var opErr *net.OpError
	if errors.As(err, &opErr) || errors.As(err, &netErr) {
		return fault.Downstream(fmt.Errorf("%s: %s cannot be reached (%s): check jsonData.%s.url and that the server's HTTP interface accepts connections from Grafana", doing, st.describe(), fault.RootCause(err), st.field))
	}
	return fault.Downstream(fmt.Errorf("%s on %s: %s", doing, st.describe(), fault.RootCause(err)))
}
