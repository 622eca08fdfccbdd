// Package postgres reads prediction logs from a PostgreSQL table or view
// (pgx v5, pooled). Summaries, baselines and the compliance counts are
// computed in the database: one aggregating scan per query for every
// window and feature, quantiles with percentile_cont. Only aggregates
// cross the network.
package postgres

import (
	"crypto/tls"
	"crypto/x509"
	"encoding/json"
	"errors"
	"fmt"
	"net"
	"strconv"
	"strings"
	"time"

	"github.com/aiperf/monitor/pkg/catalog"
	"github.com/aiperf/monitor/pkg/fault"
	"github.com/aiperf/monitor/pkg/sources/inference/logstore"
)

// Settings are the inference section's options for PostgreSQL, after
// Grafana's own PostgreSQL data source: the server, the credentials (the
// password and TLS material are secrets), pool limits and a statement
// timeout, then the predictions table's column mapping.
type Settings struct {
	URL      string `json:"url"` // host or host:port
	Database string `json:"database"`
	User     string `json:"user"`
	// TLSMode is disable, require (encrypt, do not verify), verify-ca or
	// verify-full (verify the certificate and the host name).
	TLSMode string `json:"tlsMode,omitempty"`
	// MaxOpenConns bounds the pool: queries beyond it wait.
	MaxOpenConns int `json:"maxOpenConns,omitempty"`
	// ConnMaxLifetime (seconds) recycles connections.
	ConnMaxLifetime int `json:"connMaxLifetime,omitempty"`
	// StatementTimeout (seconds) stops any statement the server runs longer.
	StatementTimeout int `json:"statementTimeout,omitempty"`
	logstore.Mapping
}

// TLS modes.
const (
	TLSDisable    = "disable"
	TLSRequire    = "require"
	TLSVerifyCA   = "verify-ca"
	TLSVerifyFull = "verify-full"
)

// Defaults of the connection limits.
const (
	DefaultMaxOpenConns     = 4
	DefaultConnMaxLifetime  = 4 * 60 * 60
	DefaultStatementTimeout = 60
	defaultPort             = 5432
)

// connection is everything needed to open the pool.
type connection struct {
	host     string
	port     uint16
	database string
	user     string
	password string
	tls      *tls.Config
	maxConns int32
	lifetime time.Duration
	timeout  time.Duration
}

// ParseSettings reads and validates the section; errors name the field
// under field and never quote a secret.
func ParseSettings(raw json.RawMessage, field string, secrets map[string]string) (Settings, connection, error) {
	var s Settings
	var c connection
	if err := json.Unmarshal(raw, &s); err != nil {
		return s, c, catalog.FieldError{Field: field, Problem: "the PostgreSQL options are not valid JSON for this connector: re-save the settings"}
	}
	var errs []error
	bad := func(name, problem string) {
		errs = append(errs, catalog.FieldError{Field: field + "." + name, Problem: problem})
	}
	host, port, err := splitHostPort(s.URL)
	if err != nil {
		bad("url", err.Error())
	}
	c.host, c.port = host, port
	if s.Database = strings.TrimSpace(s.Database); s.Database == "" {
		bad("database", "is empty: name the database that holds the predictions table")
	}
	if s.User = strings.TrimSpace(s.User); s.User == "" {
		bad("user", "is empty: name a user that may SELECT from the predictions table")
	}
	c.database, c.user, c.password = s.Database, s.User, secrets["password"]
	if s.TLSMode == "" {
		s.TLSMode = TLSRequire
	}
	c.tls, err = tlsConfig(s.TLSMode, host, secrets)
	if err != nil {
		bad("tlsMode", err.Error())
	}
	for _, v := range []struct {
		name  string
		value *int
		def   int
		max   int
	}{{"maxOpenConns", &s.MaxOpenConns, DefaultMaxOpenConns, 100}, {"connMaxLifetime", &s.ConnMaxLifetime, DefaultConnMaxLifetime, 7 * 24 * 3600},
		{"statementTimeout", &s.StatementTimeout, DefaultStatementTimeout, 3600}} {
		switch {
		case *v.value == 0:
			*v.value = v.def
		case *v.value < 0 || *v.value > v.max:
			bad(v.name, fmt.Sprintf("must be between 1 and %d (got %d)", v.max, *v.value))
		}
	}
	c.maxConns = int32(s.MaxOpenConns)
	c.lifetime = time.Duration(s.ConnMaxLifetime) * time.Second
	c.timeout = time.Duration(s.StatementTimeout) * time.Second
	errs = append(errs, s.Mapping.Check(field)...)
	if len(errs) > 0 {
		return s, c, fault.JoinLimited(errs)
	}
	return s, c, nil
}

func splitHostPort(url string) (string, uint16, error) {
	url = strings.TrimSpace(url)
	if url == "" {
		return "", 0, errors.New("is empty: give the server as host or host:port, e.g. localhost:5432")
	}
	if strings.Contains(url, "://") || strings.ContainsAny(url, "/@?") {
		return "", 0, fmt.Errorf("must be host or host:port, not a URL (got %s): put the database, user and password in their own fields", fault.Echo(url))
	}
	host, portText, err := net.SplitHostPort(url)
	if err != nil {
		return url, defaultPort, nil // no port
	}
	port, err := strconv.ParseUint(portText, 10, 16)
	if err != nil || port == 0 {
		return "", 0, fmt.Errorf("has port %s: use a number from 1 to 65535", fault.Echo(portText))
	}
	return host, uint16(port), nil
}

// tlsConfig builds the TLS settings of a mode from the secrets tlsCACert,
// tlsClientCert and tlsClientKey (PEM).
func tlsConfig(mode, host string, secrets map[string]string) (*tls.Config, error) {
	var cfg *tls.Config
	switch mode {
	case TLSDisable:
		return nil, nil
	case TLSRequire:
		cfg = &tls.Config{InsecureSkipVerify: true} // encryption only, as libpq's sslmode=require
	case TLSVerifyCA, TLSVerifyFull:
		cfg = &tls.Config{ServerName: host}
		if pem := secrets["tlsCACert"]; pem != "" {
			pool := x509.NewCertPool()
			if !pool.AppendCertsFromPEM([]byte(pem)) {
				return nil, errors.New("is " + mode + " but the CA certificate is not PEM: paste the server's CA certificate (-----BEGIN CERTIFICATE-----)")
			}
			cfg.RootCAs = pool
		}
		if mode == TLSVerifyCA {
			cfg.InsecureSkipVerify = true // checked below without the host name
			cfg.VerifyPeerCertificate = verifyChain(cfg.RootCAs)
		}
	default:
		return nil, fmt.Errorf("%s is not a TLS mode: use disable, require, verify-ca or verify-full", fault.Echo(mode))
	}
	cert, key := secrets["tlsClientCert"], secrets["tlsClientKey"]
	if (cert == "") != (key == "") {
		return nil, errors.New("has only one of the client certificate and key: paste both, or neither")
	}
	if cert != "" {
		pair, err := tls.X509KeyPair([]byte(cert), []byte(key))
		if err != nil {
			return nil, errors.New("has a client certificate and key that do not load as a PEM pair: paste them again")
		}
		cfg.Certificates = []tls.Certificate{pair}
	}
	return cfg, nil
}

// verifyChain checks the server's chain against roots, ignoring the name
// (libpq's verify-ca).
func verifyChain(roots *x509.CertPool) func([][]byte, [][]*x509.Certificate) error {
	return func(raw [][]byte, _ [][]*x509.Certificate) error {
		if len(raw) == 0 {
			return errors.New("the server sent no certificate")
		}
		certs := make([]*x509.Certificate, len(raw))
		for i, r := range raw {
			c, err := x509.ParseCertificate(r)
			if err != nil {
				return err
			}
			certs[i] = c
		}
		inter := x509.NewCertPool()
		for _, c := range certs[1:] {
			inter.AddCert(c)
		}
		_, err := certs[0].Verify(x509.VerifyOptions{Roots: roots, Intermediates: inter})
		return err
	}
}
