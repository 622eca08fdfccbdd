package plugin

import (
	"context"
	"errors"

	"github.com/grafana/grafana-plugin-sdk-go/backend"

	"github.com/aiperf/monitor/pkg/catalog"
	"github.com/aiperf/monitor/pkg/fault"
)

// errorResponse classifies an error by whose it is to fix: a cancelled or
// timed-out query, the user's (query, settings, range), an external
// system's (downstream), or ours.
func errorResponse(ctx context.Context, err error) backend.DataResponse {
	switch {
	case errors.Is(err, context.Canceled), errors.Is(err, context.DeadlineExceeded), ctx.Err() != nil:
		return backend.ErrDataResponseWithSource(backend.StatusTimeout, backend.ErrorSourceDownstream, "the query was cancelled or timed out: "+err.Error())
	case isUserError(err):
		return userError(err.Error())
	case backend.IsDownstreamError(err):
		return backend.ErrDataResponseWithSource(backend.StatusBadGateway, backend.ErrorSourceDownstream, err.Error())
	default:
		return backend.ErrDataResponse(backend.StatusInternal, err.Error())
	}
}

// isUserError covers query and range errors and invalid settings fields.
func isUserError(err error) bool {
	return fault.IsUser(err) || fault.IsNotFound(err) || errors.As(err, new(catalog.FieldError))
}

// userError is a bad request the user fixes: reported as downstream, so
// Grafana does not count it against the plugin.
func userError(msg string) backend.DataResponse {
	return backend.ErrDataResponseWithSource(backend.StatusBadRequest, backend.ErrorSourceDownstream, msg)
}
