// Package httpconn is the HTTP connection both serving connectors share: the
// server's URL, its authentication (basic, bearer, custom headers), TLS,
// timeouts and Grafana's secure socks proxy, built with the SDK's
// httpclient; and the redaction that keeps secrets out of every message.
package httpconn

import (
	"encoding/base64"
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"time"

	"github.com/aiperf/monitor/pkg/catalog"
	"github.com/aiperf/monitor/pkg/fault"
)

// Authentication methods.
const (
	AuthNone   = "none"
	AuthBasic  = "basic"
	AuthBearer = "bearer"
)

// Secret keys, under the connector's secureJsonData prefix.
const (
	SecretPassword  = "basicAuthPassword"
	SecretToken     = "bearerToken"
	SecretClientKey = "tlsClientKey"
	SecretProxy     = "secureSocksProxyPassword"
	// SecretHeaderPrefix files a custom header's value: "header.X-Scope-OrgID".
	SecretHeaderPrefix = "header."
)

// Limits of the connection settings.
const (
	DefaultTimeout = 30 * time.Second
	MaxTimeout     = 5 * time.Minute
	maxHeaders     = 20
)

// Settings are the non-secret connection options of a jsonData section.
type Settings struct {
	URL           string   `json:"url"`
	Auth          string   `json:"auth"` // none, basic, bearer
	BasicAuthUser string   `json:"basicAuthUser"`
	Headers       []string `json:"headers"` // names; values are secrets "header.<name>"
	// TimeoutSeconds bounds every request; 0 means DefaultTimeout.
	TimeoutSeconds       float64 `json:"timeoutSeconds"`
	TLSSkipVerify        bool    `json:"tlsSkipVerify"`
	TLSServerName        string  `json:"tlsServerName"`
	TLSCACert            string  `json:"tlsCACert"`
	TLSClientCert        string  `json:"tlsClientCert"` // its key is the secret tlsClientKey
	SecureSocksProxy     bool    `json:"enableSecureSocksProxy"`
	SecureSocksProxyUser string  `json:"secureSocksProxyUsername"`
}

// Connection is a validated connection: the base URL and the options the
// HTTP client is built from, with the secrets it may send.
type Connection struct {
	Base     *url.URL
	Settings Settings
	Secrets  map[string]string
	Timeout  time.Duration
}

var headerName = regexp.MustCompile(`^[A-Za-z0-9!#$%&'*+.^_|~-]{1,100}$`)

// Validate checks the settings against the secrets, every problem a field
// error under field (e.g. "serving"), and returns the connection.
func Validate(field string, s Settings, secrets map[string]string) (*Connection, []error) {
	var errs []error
	bad := func(name, problem string) {
		errs = append(errs, catalog.FieldError{Field: field + "." + name, Problem: problem})
	}
	base, err := parseURL(s.URL)
	if err != nil {
		bad("url", err.Error())
	}
	switch s.Auth {
	case "", AuthNone:
		s.Auth = AuthNone
	case AuthBasic:
		if strings.TrimSpace(s.BasicAuthUser) == "" {
			bad("basicAuthUser", "is empty while auth is basic: enter the user name")
		}
		if secrets[SecretPassword] == "" {
			bad("basicAuthPassword", "is not set while auth is basic: enter the password (it is stored encrypted)")
		}
	case AuthBearer:
		if secrets[SecretToken] == "" {
			bad("bearerToken", "is not set while auth is bearer: enter the token (it is stored encrypted)")
		}
	default:
		bad("auth", "must be none, basic or bearer (got "+fault.Echo(s.Auth)+")")
	}
	if len(s.Headers) > maxHeaders {
		bad("headers", fmt.Sprintf("lists %d headers, more than %d", len(s.Headers), maxHeaders))
	}
	for i, h := range s.Headers {
		switch {
		case !headerName.MatchString(h):
			bad(fmt.Sprintf("headers[%d]", i), "is not a valid HTTP header name (got "+fault.Echo(h)+")")
		case strings.EqualFold(h, "Authorization") && s.Auth != AuthNone:
			bad(fmt.Sprintf("headers[%d]", i), "sets Authorization while auth is "+s.Auth+": use one or the other")
		case secrets[SecretHeaderPrefix+h] == "":
			bad(fmt.Sprintf("headers[%d]", i), "header "+fault.Echo(h)+" has no value: enter it (it is stored encrypted)")
		}
	}
	timeout := DefaultTimeout
	switch {
	case s.TimeoutSeconds < 0 || time.Duration(s.TimeoutSeconds*float64(time.Second)) > MaxTimeout:
		bad("timeoutSeconds", fmt.Sprintf("must be between 1 and %.0f seconds (got %g)", MaxTimeout.Seconds(), s.TimeoutSeconds))
	case s.TimeoutSeconds > 0:
		timeout = time.Duration(s.TimeoutSeconds * float64(time.Second))
	}
	if (s.TLSClientCert == "") != (secrets[SecretClientKey] == "") {
		bad("tlsClientCert", "TLS client authentication needs both the certificate and its key (the key is stored encrypted)")
	}
	if len(errs) > 0 {
		return nil, errs
	}
	return &Connection{Base: base, Settings: s, Secrets: secrets, Timeout: timeout}, nil
}

// parseURL accepts an absolute http(s) URL without credentials in it.
func parseURL(raw string) (*url.URL, error) {
	raw = strings.TrimSpace(raw)
	if raw == "" {
		return nil, fmt.Errorf("is empty: enter the server's address, e.g. http://prometheus:9090")
	}
	u, err := url.Parse(raw)
	switch {
	case err != nil:
		return nil, fmt.Errorf("is not a URL (%s): enter the server's address, e.g. http://prometheus:9090", fault.Echo(raw))
	case u.Scheme != "http" && u.Scheme != "https":
		return nil, fmt.Errorf("must start with http:// or https:// (got %s)", fault.Echo(raw))
	case u.Host == "":
		return nil, fmt.Errorf("has no host (got %s): enter the server's address, e.g. http://prometheus:9090", fault.Echo(raw))
	case u.User != nil:
		return nil, fmt.Errorf("carries credentials: remove them from the URL and use basic authentication, whose password is stored encrypted")
	case u.RawQuery != "" || u.Fragment != "":
		return nil, fmt.Errorf("has a query or fragment (got %s): enter the server's base address only", fault.Echo(raw))
	}
	u.Path = strings.TrimRight(u.Path, "/")
	return u, nil
}

// Endpoint joins a path to the base URL.
func (c *Connection) Endpoint(path string) string {
	u := *c.Base
	u.Path += path
	return u.String()
}

// Redact replaces every secret in a message with [secret], the basic-auth
// credentials also as they travel (base64): server errors and proxies may
// echo what they were sent.
func (c *Connection) Redact(msg string) string {
	if p := c.Secrets[SecretPassword]; p != "" {
		msg = strings.ReplaceAll(msg, base64.StdEncoding.EncodeToString([]byte(c.Settings.BasicAuthUser+":"+p)), "[secret]")
	}
	for _, v := range c.Secrets {
		if len(v) >= 4 {
			msg = strings.ReplaceAll(msg, v, "[secret]")
		}
	}
	return msg
}

// header is the custom headers with their secret values.
func (c *Connection) header() http.Header {
	h := http.Header{}
	for _, name := range c.Settings.Headers {
		h.Set(name, c.Secrets[SecretHeaderPrefix+name])
	}
	if c.Settings.Auth == AuthBearer {
		h.Set("Authorization", "Bearer "+c.Secrets[SecretToken])
	}
	return h
}
