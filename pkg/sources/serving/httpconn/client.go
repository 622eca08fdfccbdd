package httpconn

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"

	"github.com/grafana/grafana-plugin-sdk-go/backend"
	"github.com/grafana/grafana-plugin-sdk-go/backend/httpclient"
	"github.com/grafana/grafana-plugin-sdk-go/backend/proxy"

	"github.com/aiperf/monitor/pkg/fault"
)

// MaxBody bounds what one response may make the plugin read.
const MaxBody = 32 << 20

// NewClient builds the HTTP client with the SDK's httpclient: timeouts,
// basic auth, TLS, custom headers and, when enabled and Grafana offers it,
// the secure socks proxy. uid is the data source's, the proxy's default user.
func (c *Connection) NewClient(ctx context.Context, uid string) (*http.Client, error) {
	timeouts := httpclient.DefaultTimeoutOptions
	timeouts.Timeout = c.Timeout
	opts := httpclient.Options{Timeouts: &timeouts, Header: c.header()}
	s := c.Settings
	if s.Auth == AuthBasic {
		opts.BasicAuth = &httpclient.BasicAuthOptions{User: s.BasicAuthUser, Password: c.Secrets[SecretPassword]}
	}
	if s.TLSSkipVerify || s.TLSServerName != "" || s.TLSCACert != "" || s.TLSClientCert != "" {
		opts.TLS = &httpclient.TLSOptions{InsecureSkipVerify: s.TLSSkipVerify, ServerName: s.TLSServerName,
			CACertificate: s.TLSCACert, ClientCertificate: s.TLSClientCert, ClientKey: c.Secrets[SecretClientKey]}
	}
	if s.SecureSocksProxy {
		p, err := backend.GrafanaConfigFromContext(ctx).Proxy()
		if err != nil || p.ClientCfg == nil {
			return nil, fault.Userf("the secure socks proxy is enabled but this Grafana offers none: turn it off, or enable it in Grafana's [secure_socks_datasource_proxy] settings")
		}
		user := s.SecureSocksProxyUser
		if user == "" {
			user = uid
		}
		opts.ProxyOptions = &proxy.Options{Enabled: true, ClientCfg: p.ClientCfg,
			Auth:     &proxy.AuthOptions{Username: user, Password: c.Secrets[SecretProxy]},
			Timeouts: &proxy.TimeoutOptions{Timeout: c.Timeout, KeepAlive: timeouts.KeepAlive}}
	}
	client, err := httpclient.New(opts)
	if err != nil {
		return nil, fault.Userf("the connection settings cannot make an HTTP client: %s", c.Redact(err.Error()))
	}
	return client, nil
}

// Do sends a request and reads at most MaxBody of the answer. Transport
// failures come back downstream, saying what failed and where, with every
// secret redacted.
func (c *Connection) Do(client *http.Client, req *http.Request, what string) (status int, body []byte, err error) {
	resp, err := client.Do(req)
	if err != nil {
		return 0, nil, c.transportError(req.Context(), what, err)
	}
	defer resp.Body.Close()
	body, err = io.ReadAll(io.LimitReader(resp.Body, MaxBody+1))
	if err != nil {
		return 0, nil, c.transportError(req.Context(), what, err)
	}
	if len(body) > MaxBody {
		return 0, nil, fault.Downstream(fmt.Errorf("%s: the answer is larger than %d MiB: narrow the range or the query", what, MaxBody>>20))
	}
	return resp.StatusCode, body, nil
}

// transportError says whether the server could not be reached, timed out
// or the query was cancelled.
func (c *Connection) transportError(ctx context.Context, what string, err error) error {
	if ctx.Err() != nil {
		return fmt.Errorf("%s: %w", what, ctx.Err())
	}
	if isTimeout(err) {
		return fault.Downstream(fmt.Errorf("%s: %s did not answer within %s: check that it is up, or raise the timeout in the settings", what, c.Base.Host, c.Timeout))
	}
	return fault.Downstream(fmt.Errorf("%s: cannot reach %s (%s): check the URL and that the server is running", what, c.Endpoint(""), c.Redact(fault.RootCause(err))))
}

// isTimeout reports whether any error in the chain is a timeout: the
// client's deadline, the transport's header timeout or a dial timeout,
// however the SDK's middlewares wrapped it.
func isTimeout(err error) bool {
	for e := err; e != nil; e = errors.Unwrap(e) {
		if t, ok := e.(interface{ Timeout() bool }); ok && t.Timeout() {
			return true
		}
	}
	return errors.Is(err, context.DeadlineExceeded)
}

// StatusError explains an HTTP status a server answered with; detail is
// the server's own message, quoted.
func (c *Connection) StatusError(what string, status int, detail string) error {
	detail = c.Redact(detail)
	if detail != "" {
		detail = ": " + fault.Echo(detail)
	}
	switch status {
	case http.StatusUnauthorized, http.StatusForbidden:
		return fault.Downstream(fmt.Errorf("%s: %s refused the credentials (HTTP %d%s): check the authentication in the settings", what, c.Base.Host, status, detail))
	case http.StatusNotFound:
		return fault.Downstream(fmt.Errorf("%s: %s has no such API (HTTP 404%s): check that the URL is the server's base address", what, c.Endpoint(""), detail))
	}
	return fault.Downstream(fmt.Errorf("%s: %s answered HTTP %d%s", what, c.Base.Host, status, detail))
}
