// Package clickhouse reads prediction logs from a ClickHouse table over
// the HTTP interface. The summaries are computed in the server with the
// same plan as PostgreSQL's (pkg/sources/inference/logstore): one
// aggregating scan per query. The SQL keeps to what the 18.16 server
// Debian ships understands — no query parameters, no lambdas, array
// literals rather than expressions — and runs unchanged on current
// releases (tests/integration/store: the Debian server and chdb).
package clickhouse

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/aiperf/monitor/pkg/fault"
)

// maxResponseBytes bounds one answer: summaries are aggregates, never rows.
const maxResponseBytes = 256 << 20

// client runs statements over ClickHouse's HTTP interface.
type client struct {
	base     *url.URL // scheme://host:port/
	database string
	user     string
	password string
	timeout  time.Duration
	http     *http.Client
}

// serverError is ClickHouse's own error: its code and message.
type serverError struct {
	Code    int
	Message string
}

func (e *serverError) Error() string { return fmt.Sprintf("code %d: %s", e.Code, e.Message) }

var errorCode = regexp.MustCompile(`Code: (\d+)[.,]`)

// query runs a statement and returns its body. The statement carries a
// query id: when ctx ends first, the server is told to kill it, so a closed
// panel stops the work on the server too (old servers keep running a query
// whose HTTP client went away). Statements only read, so one whose
// connection broke before the whole answer came back is sent once more: a
// keep-alive connection the server had just closed, or an answer cut off
// on the way.
func (c *client) query(ctx context.Context, sql string) ([]byte, error) {
	body, err := c.send(ctx, sql)
	if err != nil && ctx.Err() == nil && errors.As(err, new(*transportError)) {
		body, err = c.send(ctx, sql)
	}
	var te *transportError
	if errors.As(err, &te) {
		return nil, te.err
	}
	return body, err
}

// transportError is a connection that failed before the whole answer came
// back (not the server's error, not the caller's cancellation).
type transportError struct{ err error }

func (e *transportError) Error() string { return e.err.Error() }
func (e *transportError) Unwrap() error { return e.err }

// send runs a statement once.
func (c *client) send(ctx context.Context, sql string) ([]byte, error) {
	id := newQueryID()
	params := url.Values{}
	params.Set("database", c.database)
	params.Set("query_id", id)
	params.Set("max_execution_time", strconv.Itoa(int(c.timeout.Seconds())))
	// The server holds the answer until the statement ends, so an error
	// raised mid-way is an HTTP error, not text after a 200 (answers are
	// aggregates: small).
	params.Set("wait_end_of_query", "1")
	u := *c.base
	u.RawQuery = params.Encode()
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, u.String(), strings.NewReader(sql))
	if err != nil {
		return nil, err
	}
	req.SetBasicAuth(c.user, c.password)
	resp, err := c.http.Do(req)
	if err != nil {
		if ctx.Err() != nil {
			go c.kill(id)
			return nil, err
		}
		return nil, &transportError{err}
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(io.LimitReader(resp.Body, maxResponseBytes+1))
	if err != nil {
		if ctx.Err() != nil {
			go c.kill(id)
			return nil, err
		}
		return nil, &transportError{err}
	}
	if len(body) > maxResponseBytes {
		return nil, fault.Userf("the answer is larger than %d bytes: narrow the range or widen the interval", maxResponseBytes)
	}
	if resp.StatusCode != http.StatusOK {
		return nil, parseError(resp.StatusCode, body)
	}
	return body, nil
}

// kill asks the server to stop a query, on its own short deadline, while
// the cancelled caller has already returned.
func (c *client) kill(id string) {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	u := *c.base
	u.RawQuery = url.Values{"database": {c.database}}.Encode()
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, u.String(), strings.NewReader("KILL QUERY WHERE query_id = "+stringLiteral(id)+" ASYNC"))
	if err != nil {
		return
	}
	req.SetBasicAuth(c.user, c.password)
	if resp, err := c.http.Do(req); err == nil {
		_, _ = io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
	}
}

func parseError(status int, body []byte) error {
	text := strings.TrimSpace(string(body))
	if len(text) > 600 {
		text = text[:600] + "…"
	}
	code := 0
	if m := errorCode.FindStringSubmatch(text); m != nil {
		code, _ = strconv.Atoi(m[1])
	}
	if code == 0 {
		return &serverError{Code: -status, Message: fmt.Sprintf("HTTP %d: %s", status, text)}
	}
	return &serverError{Code: code, Message: text}
}

func newQueryID() string {
	var b [16]byte
	_, _ = rand.Read(b[:])
	return "aiperf-" + hex.EncodeToString(b[:])
}

// isServerError reports err's ClickHouse code.
func isServerError(err error) (*serverError, bool) {
	var se *serverError
	ok := errors.As(err, &se)
	return se, ok
}
