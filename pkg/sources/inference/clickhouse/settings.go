package clickhouse

import (
	"crypto/tls"
	"crypto/x509"
	"encoding/json"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/aiperf/monitor/pkg/catalog"
	"github.com/aiperf/monitor/pkg/fault"
	"github.com/aiperf/monitor/pkg/sources/inference/logstore"
)

// Settings are the inference section's options for ClickHouse, after
// Grafana's own ClickHouse data source (HTTP protocol): the server's URL,
// the database and user (the password and TLS material are secrets),
// connection limits, a statement timeout, then the column mapping.
type Settings struct {
	// URL is the HTTP interface: http://host:8123 or https://host:8443.
	URL      string `json:"url"`
	Database string `json:"database,omitempty"`
	User     string `json:"user,omitempty"`
	// TLSSkipVerify accepts any server certificate (https only).
	TLSSkipVerify bool `json:"tlsSkipVerify,omitempty"`
	// MaxOpenConns bounds concurrent connections to the server.
	MaxOpenConns int `json:"maxOpenConns,omitempty"`
	// StatementTimeout (seconds) is the server's max_execution_time.
	StatementTimeout int `json:"statementTimeout,omitempty"`
	logstore.Mapping
}

// Defaults of the connection settings.
const (
	DefaultDatabase         = "default"
	DefaultUser             = "default"
	DefaultMaxOpenConns     = 4
	DefaultStatementTimeout = 60
)

// parseSettings reads and validates the section and builds the client;
// errors name the field and never quote a secret.
func parseSettings(raw json.RawMessage, field string, secrets map[string]string) (Settings, *client, error) {
	var s Settings
	if err := json.Unmarshal(raw, &s); err != nil {
		return s, nil, catalog.FieldError{Field: field, Problem: "the ClickHouse options are not valid JSON for this connector: re-save the settings"}
	}
	var errs []error
	bad := func(name, problem string) {
		errs = append(errs, catalog.FieldError{Field: field + "." + name, Problem: problem})
	}
	base, err := url.Parse(strings.TrimRight(strings.TrimSpace(s.URL), "/"))
	switch {
	case s.URL == "":
		bad("url", "is empty: give the HTTP interface, e.g. http://localhost:8123")
	case err != nil || base.User != nil:
		// The text is not echoed: it may hold a password.
		bad("url", "must be the HTTP interface's http(s)://host:port, without user or password: put those in their own fields")
	case (base.Scheme != "http" && base.Scheme != "https") || base.Host == "":
		bad("url", "must be the HTTP interface's http(s)://host:port (got "+fault.Echo(s.URL)+"); the native protocol (port 9000) is not used")
	case base.RawQuery != "" || (base.Path != "" && base.Path != "/"):
		bad("url", "must be scheme://host:port only: put the database, user and password in their own fields")
	}
	if s.Database == "" {
		s.Database = DefaultDatabase
	}
	if s.User == "" {
		s.User = DefaultUser
	}
	for _, v := range []struct {
		name  string
		value *int
		def   int
		max   int
	}{{"maxOpenConns", &s.MaxOpenConns, DefaultMaxOpenConns, 100}, {"statementTimeout", &s.StatementTimeout, DefaultStatementTimeout, 3600}} {
		switch {
		case *v.value == 0:
			*v.value = v.def
		case *v.value < 0 || *v.value > v.max:
			bad(v.name, fmt.Sprintf("must be between 1 and %d (got %d)", v.max, *v.value))
		}
	}
	var tlsCfg *tls.Config
	if base != nil && base.Scheme == "https" {
		if tlsCfg, err = tlsConfig(s.TLSSkipVerify, secrets); err != nil {
			bad("tlsCACert", err.Error())
		}
	}
	errs = append(errs, s.Mapping.Check(field)...)
	if len(errs) > 0 {
		return s, nil, fault.JoinLimited(errs)
	}
	c := newClient(base, s.Database, s.User, secrets["password"], time.Duration(s.StatementTimeout)*time.Second, s.MaxOpenConns, tlsCfg)
	return s, c, nil
}

// newClient builds the HTTP client of one server.
func newClient(base *url.URL, database, user, password string, timeout time.Duration, maxConns int, tlsCfg *tls.Config) *client {
	transport := &http.Transport{
		DialContext:           (&net.Dialer{Timeout: 10 * time.Second}).DialContext,
		TLSClientConfig:       tlsCfg,
		TLSHandshakeTimeout:   10 * time.Second,
		MaxConnsPerHost:       maxConns,
		MaxIdleConnsPerHost:   maxConns,
		IdleConnTimeout:       5 * time.Minute,
		ResponseHeaderTimeout: timeout + 30*time.Second, // the server stops first, at max_execution_time
	}
	return &client{base: base, database: database, user: user, password: password, timeout: timeout, http: &http.Client{Transport: transport}}
}

// tlsConfig verifies the server with the system roots or the secret
// tlsCACert, and presents tlsClientCert/tlsClientKey when both are set.
func tlsConfig(skipVerify bool, secrets map[string]string) (*tls.Config, error) {
	cfg := &tls.Config{InsecureSkipVerify: skipVerify}
	if pem := secrets["tlsCACert"]; pem != "" {
		pool := x509.NewCertPool()
		if !pool.AppendCertsFromPEM([]byte(pem)) {
			return nil, errors.New("is not a PEM certificate: paste the server's CA certificate (-----BEGIN CERTIFICATE-----)")
		}
		cfg.RootCAs = pool
	}
	cert, key := secrets["tlsClientCert"], secrets["tlsClientKey"]
	if (cert == "") != (key == "") {
		return nil, errors.New("comes with only one of the client certificate and key: paste both, or neither")
	}
	if cert != "" {
		pair, err := tls.X509KeyPair([]byte(cert), []byte(key))
		if err != nil {
			return nil, errors.New("comes with a client certificate and key that do not load as a PEM pair: paste them again")
		}
		cfg.Certificates = []tls.Certificate{pair}
	}
	return cfg, nil
}
