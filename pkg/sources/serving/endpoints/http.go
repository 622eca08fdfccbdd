package endpoints

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"time"

	"github.com/aiperf/monitor/pkg/fault"
)

// call sends a request and returns the status, the body and the round trip.
// Transport failures are errors; any HTTP status is the caller's to judge
// (health is judged by the status code, never the body).
func (s *server) call(ctx context.Context, method, path string, body any) (int, []byte, time.Duration, error) {
	var rd io.Reader
	if body != nil {
		b, err := json.Marshal(body)
		if err != nil {
			return 0, nil, 0, err
		}
		rd = bytes.NewReader(b)
	}
	req, err := http.NewRequestWithContext(ctx, method, s.conn.Endpoint(path), rd)
	if err != nil {
		return 0, nil, 0, err
	}
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	start := time.Now()
	status, b, err := s.conn.Do(s.http, req, s.Name+" "+method+" "+path)
	return status, b, time.Since(start), err
}

// getJSON reads a JSON answer; a status other than 200 is an error that
// quotes the server's {"error"} message when it sends one.
func (s *server) getJSON(ctx context.Context, method, path string, body, out any) error {
	status, b, _, err := s.call(ctx, method, path, body)
	if err != nil {
		return err
	}
	if status != http.StatusOK {
		var e struct {
			Error string `json:"error"`
		}
		_ = json.Unmarshal(b, &e)
		return s.conn.StatusError(s.Name+" "+method+" "+path, status, e.Error)
	}
	if err := json.Unmarshal(b, out); err != nil {
		return fault.Downstream(fmt.Errorf("%s %s %s: unreadable answer: %v", s.Name, method, path, err))
	}
	return nil
}

// healthy probes a health route: 200 is healthy, any other status is not.
func (s *server) healthy(ctx context.Context, path string) (bool, time.Duration, error) {
	status, _, took, err := s.call(ctx, http.MethodGet, path, nil)
	if err != nil {
		return false, took, err
	}
	if status == http.StatusUnauthorized || status == http.StatusForbidden {
		return false, took, s.conn.StatusError(s.Name+" GET "+path, status, "")
	}
	return status == http.StatusOK, took, nil
}

func boolPtr(b bool) *bool { return &b }

func ms(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }
