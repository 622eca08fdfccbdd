package clickhouse

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

func testClient(t *testing.T, handler http.HandlerFunc) (*client, *atomic.Int64) {
	t.Helper()
	var n atomic.Int64
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if strings.Contains(r.URL.RawQuery, "query_id") && r.URL.Query().Get("wait_end_of_query") == "1" {
			n.Add(1)
		}
		handler(w, r)
	}))
	t.Cleanup(srv.Close)
	base, _ := url.Parse(srv.URL + "/")
	return newClient(base, "default", "reader", "secret", 5*time.Second, 2, nil), &n
}

// cutOff answers a 200 whose body ends before the length it announced.
func cutOff(w http.ResponseWriter) {
	conn, buf, err := w.(http.Hijacker).Hijack()
	if err != nil {
		panic(err)
	}
	buf.WriteString("HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\npartial")
	buf.Flush()
	conn.Close()
}

func TestAStatementCutOffOnTheWayIsSentOnceMore(t *testing.T) {
	var calls atomic.Int64
	c, statements := testClient(t, func(w http.ResponseWriter, r *http.Request) {
		if calls.Add(1) == 1 {
			cutOff(w)
			return
		}
		w.Write([]byte("whole"))
	})
	body, err := c.query(context.Background(), "SELECT 1")
	if err != nil || string(body) != "whole" {
		t.Fatalf("query = %q, %v; want the second answer", body, err)
	}
	if statements.Load() != 2 {
		t.Fatalf("%d statements sent, want 2", statements.Load())
	}
}

func TestAConnectionThatKeepsBreakingFailsAfterOneRetry(t *testing.T) {
	c, statements := testClient(t, func(w http.ResponseWriter, r *http.Request) { cutOff(w) })
	if _, err := c.query(context.Background(), "SELECT 1"); err == nil || !strings.Contains(err.Error(), "unexpected EOF") {
		t.Fatalf("want the cut-off answer's error, got %v", err)
	}
	if statements.Load() != 2 {
		t.Fatalf("%d statements sent, want the first and one retry", statements.Load())
	}
}

func TestServerErrorsAreNotRetried(t *testing.T) {
	c, statements := testClient(t, func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(http.StatusNotFound)
		w.Write([]byte("Code: 60, e.displayText() = DB::Exception: Table default.x doesn't exist"))
	})
	_, err := c.query(context.Background(), "SELECT 1")
	if se, ok := isServerError(err); !ok || se.Code != 60 {
		t.Fatalf("want the server's code 60, got %v", err)
	}
	if statements.Load() != 1 {
		t.Fatalf("%d statements sent for a server error, want 1", statements.Load())
	}
}

func TestACancelledStatementIsNotRetried(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	c, statements := testClient(t, func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Query().Get("query_id") == "" {
			return // the KILL QUERY that follows the cancellation
		}
		io.Copy(io.Discard, r.Body) // the server notices a closed connection once the body is read
		cancel()
		select {
		case <-r.Context().Done():
		case <-time.After(5 * time.Second):
		}
	})
	if _, err := c.query(ctx, "SELECT sleep(3)"); err == nil || ctx.Err() == nil {
		t.Fatalf("want the cancellation, got %v", err)
	}
	if statements.Load() != 1 {
		t.Fatalf("%d statements sent after the caller cancelled, want 1", statements.Load())
	}
}
