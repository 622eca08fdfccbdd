package apiclient

import (
	"context"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"
)

func TestRetryAfter(t *testing.T) {
	if d := retryAfter("2"); d != 2*time.Second {
		t.Errorf("seconds: %v", d)
	}
	if d := retryAfter(time.Now().Add(90 * time.Second).UTC().Format(http.TimeFormat)); d < 80*time.Second || d > 90*time.Second {
		t.Errorf("HTTP date: %v", d)
	}
	if d := retryAfter("soon"); d != 0 {
		t.Errorf("unreadable: %v", d)
	}
	for attempt := 1; attempt <= MaxAttempts; attempt++ {
		want := firstBackoff << (attempt - 1)
		if d := backoff(attempt); d < want*3/4 || d > want*5/4 {
			t.Errorf("backoff %d = %v, want %v ± 25%%", attempt, d, want)
		}
	}
}

// A wait longer than the query's deadline returns at the deadline.
func TestWaitsEndWithTheQuery(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Retry-After", "20")
		w.WriteHeader(http.StatusTooManyRequests)
	}))
	defer srv.Close()
	c := &Client{HTTP: http.DefaultClient, API: "the test API"}
	u, _ := url.Parse(srv.URL)
	ctx, cancel := context.WithTimeout(t.Context(), 100*time.Millisecond)
	defer cancel()
	start := time.Now()
	var out any
	if err := c.GetJSON(ctx, u, &out); err == nil || time.Since(start) > time.Second {
		t.Errorf("returned after %s with %v", time.Since(start), err)
	}
}

func TestWalkNeedsACursorToGoOn(t *testing.T) {
	c := &Client{API: "the test API"}
	u, _ := url.Parse("http://api.test/items")
	err := c.Walk(t.Context(), u, func(context.Context, *url.URL) (Page, error) { return Page{HasMore: true}, nil })
	if err == nil || !strings.Contains(err.Error(), "gave no cursor") {
		t.Errorf("err = %v", err)
	}
}
