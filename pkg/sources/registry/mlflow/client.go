package mlflow

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"

	"github.com/aiperf/monitor/pkg/fault"
)

// apiBase is the REST API's path under the server's address.
const apiBase = "/api/2.0/mlflow/"

// maxBody bounds one response: a page of 1,000 models with their tags.
const maxBody = 32 << 20

// client calls the MLflow REST API with the configured credentials.
type client struct {
	base string // the server's address, without a trailing slash
	auth auth
	http *http.Client
}

// apiError is MLflow's error body: {"error_code": "...", "message": "..."}.
type apiError struct {
	Code    string `json:"error_code"`
	Message string `json:"message"`
}

// get calls GET <base>/api/2.0/mlflow/<path>?<query> and decodes the JSON
// answer into out. Errors say what failed and how to fix it and never hold
// the credentials.
func (c *client) get(ctx context.Context, path string, query url.Values, out any) error {
	endpoint := c.base + apiBase + path
	if len(query) > 0 {
		endpoint += "?" + query.Encode()
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, endpoint, nil)
	if err != nil {
		return fmt.Errorf("building the MLflow request %s: %w", path, err)
	}
	req.Header.Set("Accept", "application/json")
	switch {
	case c.auth.token != "":
		req.Header.Set("Authorization", "Bearer "+c.auth.token)
	case c.auth.username != "":
		req.SetBasicAuth(c.auth.username, c.auth.password)
	}
	resp, err := c.http.Do(req)
	if err != nil {
		if ctx.Err() != nil {
			return ctx.Err()
		}
		return fault.Downstream(fmt.Errorf("the MLflow server at %s could not be reached (%s): check registry.url and that the server is running", c.base, reason(err)))
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(io.LimitReader(resp.Body, maxBody+1))
	if err != nil {
		return fault.Downstream(fmt.Errorf("reading MLflow's answer to %s: %s", path, reason(err)))
	}
	if len(body) > maxBody {
		return fault.Downstream(fmt.Errorf("MLflow's answer to %s is larger than %d MiB", path, maxBody>>20))
	}
	if resp.StatusCode != http.StatusOK {
		return c.statusError(path, resp.StatusCode, body)
	}
	if err := json.Unmarshal(body, out); err != nil {
		return fault.Downstream(fmt.Errorf("the server at %s answered %s with something other than MLflow's JSON (%s): check registry.url points at an MLflow tracking server", c.base, path, describe(err)))
	}
	return nil
}

// statusError explains a non-200 answer by whose it is to fix.
func (c *client) statusError(path string, status int, body []byte) error {
	var e apiError
	_ = json.Unmarshal(body, &e)
	detail := ""
	if e.Message != "" {
		detail = ": " + fault.Echo(e.Message)
	}
	switch status {
	case http.StatusUnauthorized:
		if c.auth == (auth{}) {
			return fault.Userf("the MLflow server at %s requires authentication (HTTP 401): set registry.username and registry.password, or registry.token", c.base)
		}
		return fault.Userf("the MLflow server at %s refused the credentials (HTTP 401): check registry.username and registry.password, or registry.token", c.base)
	case http.StatusForbidden:
		return fault.Userf("the MLflow user may not read the model registry (HTTP 403%s): grant it READ on the registered models", detail)
	case http.StatusNotFound:
		if e.Code == "" {
			return fault.Userf("no MLflow REST API at %s (HTTP 404 for %s): check registry.url is the tracking server's base address", c.base, apiBase+path)
		}
		return fault.Userf("MLflow answered %s with %s%s", path, e.Code, detail)
	}
	if status >= 500 || e.Code == "" {
		return fault.Downstream(fmt.Errorf("the MLflow server at %s failed %s with HTTP %d%s", c.base, path, status, detail))
	}
	return fault.Downstream(fmt.Errorf("MLflow refused %s with HTTP %d %s%s", path, status, e.Code, detail))
}

// reason is a transport error without the request (which Go's url.Error
// repeats): the operation and the cause.
func reason(err error) string {
	var uerr *url.Error
	if errors.As(err, &uerr) {
		err = uerr.Err
	}
	msg := err.Error()
	if strings.Contains(msg, "Client.Timeout") || errors.Is(err, context.DeadlineExceeded) {
		return "timed out: raise registry.timeoutSeconds or check the network"
	}
	return msg
}
