package httpconn

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"strings"
	"testing"
)

func TestConnectionSettingsNameTheFieldAndTheFix(t *testing.T) {
	cases := []struct {
		s       Settings
		secrets map[string]string
		want    string
	}{
		{Settings{URL: "prometheus:9090"}, nil, "s.url: must start with http:// or https://"},
		{Settings{URL: "http://"}, nil, "s.url: has no host"},
		{Settings{URL: "http://p:9090/?x=1"}, nil, "s.url: has a query or fragment"},
		{Settings{URL: "http://p", Auth: AuthBearer}, nil, "s.bearerToken: is not set while auth is bearer"},
		{Settings{URL: "http://p", Headers: []string{"X Bad"}}, nil, "s.headers[0]: is not a valid HTTP header name"},
		{Settings{URL: "http://p", Headers: []string{"X-Scope-OrgID"}}, nil, `header "X-Scope-OrgID" has no value`},
		{Settings{URL: "http://p", Auth: AuthBearer, Headers: []string{"Authorization"}}, map[string]string{SecretToken: "t", "header.Authorization": "x"}, "sets Authorization while auth is bearer"},
		{Settings{URL: "http://p", TLSClientCert: "PEM"}, nil, "s.tlsClientCert: TLS client authentication needs both"},
	}
	for _, c := range cases {
		_, errs := Validate("s", c.s, c.secrets)
		if got := errors.Join(errs...); got == nil || !strings.Contains(got.Error(), c.want) {
			t.Errorf("%+v: got %v, want %q", c.s, got, c.want)
		}
	}
	conn, errs := Validate("s", Settings{URL: "https://mimir.example/prometheus/", Headers: []string{"X-Scope-OrgID"}}, map[string]string{"header.X-Scope-OrgID": "tenant-1"})
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	if got := conn.Endpoint("/api/v1/query"); got != "https://mimir.example/prometheus/api/v1/query" {
		t.Errorf("a path prefix (Mimir, Thanos) is kept: %s", got)
	}
	if got := conn.header().Get("X-Scope-OrgID"); got != "tenant-1" {
		t.Errorf("custom header %q", got)
	}
}

// wrapped hides a timeout behind a type without Timeout(), as middlewares do.
type wrapped struct{ err error }

func (w wrapped) Error() string { return w.err.Error() }
func (w wrapped) Unwrap() error { return w.err }

type headerTimeout struct{}

func (headerTimeout) Error() string { return "net/http: timeout awaiting response headers" }
func (headerTimeout) Timeout() bool { return true }

func TestTimeoutsAreFoundHoweverTheyAreWrapped(t *testing.T) {
	urlErr := &url.Error{Op: "Post", URL: "http://p", Err: wrapped{headerTimeout{}}}
	if !isTimeout(urlErr) || !isTimeout(fmt.Errorf("x: %w", context.DeadlineExceeded)) {
		t.Fatal("a timeout inside a url.Error whose direct cause has no Timeout() is still a timeout")
	}
	if isTimeout(errors.New("connection refused")) {
		t.Fatal("a refused connection is not a timeout")
	}
}
