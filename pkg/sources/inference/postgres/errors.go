package postgres

import (
	"context"
	"errors"
	"fmt"
	"net"

	"github.com/jackc/pgx/v5/pgconn"

	"github.com/aiperf/monitor/pkg/catalog"
	"github.com/aiperf/monitor/pkg/fault"
)

// classify turns a driver error into one that says whose it is to fix and
// which setting to look at. Messages never carry the password: pgx's own
// connection errors name host, user and database only, and are replaced here.
func (st *Store) classify(ctx context.Context, err error, doing string) error {
	if ctx.Err() != nil {
		return fmt.Errorf("%s: %w", doing, ctx.Err())
	}
	var pg *pgconn.PgError
	if errors.As(err, &pg) {
		return st.serverError(pg, doing)
	}
	var connect *pgconn.ConnectError
	var netErr net.Error
	switch {
	case errors.As(err, &connect):
		var inner *pgconn.PgError
		if errors.As(connect, &inner) {
			return st.serverError(inner, doing)
		}
		return fault.Downstream(fmt.Errorf("%s: %s cannot be reached (%s): check jsonData.%s.url and that the server accepts connections from Grafana", doing, st.describe(), fault.RootCause(err), st.field))
	case errors.As(err, &netErr):
		return fault.Downstream(fmt.Errorf("%s: the connection to %s failed (%s): check jsonData.%s.url and the network", doing, st.describe(), fault.RootCause(err), st.field))
	}
	return fault.Downstream(fmt.Errorf("%s on %s: %s", doing, st.describe(), fault.RootCause(err)))
}

// serverError explains the server's SQLSTATE classes users meet.
func (st *Store) serverError(pg *pgconn.PgError, doing string) error {
	setting := func(name, problem string) error {
		return catalog.FieldError{Field: st.field + "." + name, Problem: doing + ": " + problem}
	}
	switch pg.Code {
	case "28P01", "28000":
		return setting("user", fmt.Sprintf("%s refused user %s (%s): check the user and the password", st.describe(), fault.Echo(st.s.User), pg.Message))
	case "3D000":
		return setting("database", fmt.Sprintf("%s has no database %s: check the database name", st.describe(), fault.Echo(st.s.Database)))
	case "42P01":
		return setting("table", fmt.Sprintf("%s: %s", pg.Message, "check the table name (schema.table)"))
	case "42703":
		return setting("features", fmt.Sprintf("%s: a mapped column is gone from the table; pick the columns again", pg.Message))
	case "42501":
		return setting("user", fmt.Sprintf("%s (%s): GRANT SELECT on the predictions table to user %s", pg.Message, st.describe(), fault.Echo(st.s.User)))
	case "57014":
		return setting("statementTimeout", fmt.Sprintf("the statement ran past the statement timeout of %s on %s: narrow the time range, widen the interval, index the time and model columns, or raise the timeout", st.timeout, st.describe()))
	case "53100", "53200", "53300", "57P01", "57P02", "57P03":
		return fault.Downstream(fmt.Errorf("%s: %s is unavailable (%s)", doing, st.describe(), pg.Message))
	}
	return fault.Downstream(fmt.Errorf("%s: %s answered %s (SQLSTATE %s)", doing, st.describe(), pg.Message, pg.Code))
}
