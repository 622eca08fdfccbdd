// Package apiclient is what the billing connectors share to read paged JSON
// APIs: bounded retries of rate-limited and failing requests with backoff
// that honours Retry-After, errors that name the API and the fix but never
// a credential, and page walking that reads every page exactly once.
package apiclient

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"net/url"
	"strconv"
	"time"

	"github.com/aiperf/monitor/pkg/fault"
)

// Limits of one request's retries.
const (
	MaxAttempts  = 5
	firstBackoff = 500 * time.Millisecond
	maxBackoff   = 30 * time.Second
	// maxBody bounds one response: a page of daily buckets is kilobytes.
	maxBody = 64 << 20
)

// Client reads one API.
type Client struct {
	HTTP *http.Client
	// API names the API in errors ("OpenAI organization costs").
	API string
	// Authorize sets the request's credentials.
	Authorize func(*http.Request)
	// Sleep waits between attempts; tests shorten it.
	Sleep func(ctx context.Context, d time.Duration) error
}

// Sleep waits d or until ctx is done.
func Sleep(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// GetJSON reads u into out, retrying 429 and 5xx answers and transport
// errors up to MaxAttempts times.
func (c *Client) GetJSON(ctx context.Context, u *url.URL, out any) error {
	sleep := c.Sleep
	if sleep == nil {
		sleep = Sleep
	}
	var last error
	for attempt := 1; attempt <= MaxAttempts; attempt++ {
		wait, err := c.try(ctx, u, out)
		if err == nil {
			return nil
		}
		if ctx.Err() != nil {
			return ctx.Err()
		}
		var r retryable
		if !errors.As(err, &r) {
			return err
		}
		last = r.err
		if attempt == MaxAttempts {
			break
		}
		if wait <= 0 {
			wait = backoff(attempt)
		}
		if err := sleep(ctx, min(wait, maxBackoff)); err != nil {
			return err
		}
	}
	return fault.Downstream(fmt.Errorf("%s failed %d times in a row, last: %w; try again later", c.API, MaxAttempts, last))
}

// retryable marks an answer worth another attempt.
type retryable struct{ err error }

func (r retryable) Error() string { return r.err.Error() }

// try makes one request; for a retryable failure it returns how long the
// server asked to wait (0: unsaid).
func (c *Client) try(ctx context.Context, u *url.URL, out any) (time.Duration, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u.String(), nil)
	if err != nil {
		return 0, err
	}
	req.Header.Set("Accept", "application/json")
	if c.Authorize != nil {
		c.Authorize(req)
	}
	resp, err := c.HTTP.Do(req)
	if err != nil {
		if ctx.Err() != nil {
			return 0, ctx.Err()
		}
		return 0, retryable{fmt.Errorf("%s could not be reached (%s)", c.API, transportProblem(err))}
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(io.LimitReader(resp.Body, maxBody+1))
	if err != nil {
		return 0, retryable{fmt.Errorf("%s: reading the answer failed (%s)", c.API, transportProblem(err))}
	}
	switch {
	case resp.StatusCode == http.StatusTooManyRequests:
		return retryAfter(resp.Header.Get("Retry-After")), retryable{fmt.Errorf("%s is rate limiting (HTTP 429%s)", c.API, errorKind(body))}
	case resp.StatusCode >= 500:
		return retryAfter(resp.Header.Get("Retry-After")), retryable{fmt.Errorf("%s failed with HTTP %d%s", c.API, resp.StatusCode, errorKind(body))}
	case resp.StatusCode == http.StatusUnauthorized || resp.StatusCode == http.StatusForbidden:
		return 0, fault.Userf("%s refused the credentials (HTTP %d%s): the admin key may be wrong, expired or revoked, or lack the permission; enter a valid admin key in the billing feed's settings", c.API, resp.StatusCode, errorKind(body))
	case resp.StatusCode/100 != 2:
		return 0, fault.Downstream(fmt.Errorf("%s answered HTTP %d%s", c.API, resp.StatusCode, errorKind(body)))
	case len(body) > maxBody:
		return 0, fault.Downstream(fmt.Errorf("%s answered more than %d MiB for one page", c.API, maxBody>>20))
	}
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.UseNumber() // amounts stay exact
	if err := dec.Decode(out); err != nil {
		return 0, fault.Downstream(fmt.Errorf("%s answered a malformed body (%s): is the URL that of the API?", c.API, describeJSON(err)))
	}
	return 0, nil
}

// backoff is exponential with jitter: 0.5 s, 1 s, 2 s… each ±25%.
func backoff(attempt int) time.Duration {
	d := firstBackoff << (attempt - 1)
	return time.Duration(float64(d) * (0.75 + 0.5*rand.Float64()))
}

// retryAfter reads Retry-After in seconds or as an HTTP date.
func retryAfter(v string) time.Duration {
	if v == "" {
		return 0
	}
	if s, err := strconv.ParseFloat(v, 64); err == nil && s >= 0 {
		return time.Duration(s * float64(time.Second))
	}
	if t, err := http.ParseTime(v); err == nil {
		return max(time.Until(t), 0)
	}
	return 0
}

// errorKind is the API's error type or code, never its message, which may
// quote part of a key.
func errorKind(body []byte) string {
	var e struct {
		Error struct {
			Type string `json:"type"`
			Code any    `json:"code"`
		} `json:"error"`
	}
	if json.Unmarshal(body, &e) != nil {
		return ""
	}
	kind := e.Error.Type
	if code, ok := e.Error.Code.(string); ok && code != "" {
		kind = code
	}
	if kind == "" || len(kind) > 60 {
		return ""
	}
	return ", " + kind
}

// transportProblem keeps the kind of a transport error without the URL.
func transportProblem(err error) string {
	var uerr *url.Error
	if errors.As(err, &uerr) {
		if uerr.Timeout() {
			return "timed out"
		}
		return uerr.Err.Error()
	}
	return err.Error()
}

func describeJSON(err error) string {
	var syntax *json.SyntaxError
	var typ *json.UnmarshalTypeError
	switch {
	case errors.As(err, &syntax):
		return fmt.Sprintf("not JSON at byte %d", syntax.Offset)
	case errors.As(err, &typ):
		return fmt.Sprintf("field %s is a %s, not a %s", typ.Field, typ.Value, typ.Type)
	case errors.Is(err, io.EOF), errors.Is(err, io.ErrUnexpectedEOF):
		return "empty or cut short"
	}
	return "unreadable"
}
