package focus

import (
	"bufio"
	"compress/gzip"
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"strings"
	"time"

	"github.com/aiperf/monitor/pkg/fault"
)

// maxDownloadBytes bounds what one read of an export may take from the
// network or decompress, so a wrong URL cannot fill the disk or memory.
const maxDownloadBytes = 4 << 30

// unversionedTTL is how long a download whose server sends no ETag or
// Last-Modified is trusted before it is fetched again.
const unversionedTTL = 5 * time.Minute

// location is where an export's bytes come from: a local path or a URL.
type location struct {
	raw    string
	url    *url.URL // nil for a local path
	client *http.Client
	token  string // bearer token for the URL, from secureJsonData
}

func newLocation(raw string, client *http.Client, token string) location {
	l := location{raw: raw, client: client, token: token}
	if u, err := url.Parse(raw); err == nil && (u.Scheme == "http" || u.Scheme == "https") {
		l.url = u
	}
	return l
}

// String names the location without query string or credentials, which
// may hold a signature.
func (l location) String() string {
	if l.url == nil {
		return l.raw
	}
	return l.url.Scheme + "://" + l.url.Host + l.url.Path
}

// version identifies the content: modification time and size of a file,
// the ETag or Last-Modified of a URL (HEAD).
func (l location) version(ctx context.Context) (string, error) {
	if l.url == nil {
		info, err := os.Stat(l.raw)
		if err != nil {
			return "", l.openError(err)
		}
		return fmt.Sprintf("%d|%d", info.ModTime().UnixNano(), info.Size()), nil
	}
	resp, err := l.request(ctx, http.MethodHead)
	if err != nil {
		return "", err
	}
	resp.Body.Close()
	if v := resp.Header.Get("ETag"); v != "" {
		return "etag|" + v, nil
	}
	if v := resp.Header.Get("Last-Modified"); v != "" {
		return "modified|" + v + "|" + resp.Header.Get("Content-Length"), nil
	}
	return fmt.Sprintf("ttl|%d", time.Now().UnixNano()/int64(unversionedTTL)), nil
}

// open returns the export's bytes, decompressed when they are gzip.
func (l location) open(ctx context.Context) (io.ReadCloser, error) {
	var body io.ReadCloser
	if l.url == nil {
		f, err := os.Open(l.raw)
		if err != nil {
			return nil, l.openError(err)
		}
		body = f
	} else {
		resp, err := l.request(ctx, http.MethodGet)
		if err != nil {
			return nil, err
		}
		body = resp.Body
	}
	return gunzipIfNeeded(body)
}

func (l location) request(ctx context.Context, method string) (*http.Response, error) {
	req, err := http.NewRequestWithContext(ctx, method, l.url.String(), nil)
	if err != nil {
		return nil, fault.Userf("the FOCUS export URL %s is not valid: fix the feed's location", l)
	}
	if l.token != "" {
		req.Header.Set("Authorization", "Bearer "+l.token)
	}
	resp, err := l.client.Do(req)
	if err != nil {
		if ctx.Err() != nil {
			return nil, ctx.Err()
		}
		return nil, fault.Downstream(fmt.Errorf("fetching the FOCUS export %s failed (%s): check the URL and that Grafana's server can reach it", l, describeNetError(err)))
	}
	switch {
	case resp.StatusCode == http.StatusUnauthorized || resp.StatusCode == http.StatusForbidden:
		resp.Body.Close()
		return nil, fault.Downstream(fmt.Errorf("fetching the FOCUS export %s was refused (HTTP %d): check the feed's token or the URL's signature, which may have expired", l, resp.StatusCode))
	case resp.StatusCode == http.StatusNotFound:
		resp.Body.Close()
		return nil, fault.Downstream(fmt.Errorf("the FOCUS export %s does not exist (HTTP 404): fix the feed's location", l))
	case resp.StatusCode/100 != 2:
		resp.Body.Close()
		return nil, fault.Downstream(fmt.Errorf("fetching the FOCUS export %s failed with HTTP %d", l, resp.StatusCode))
	}
	return resp, nil
}

func (l location) openError(err error) error {
	if os.IsNotExist(err) {
		return fault.Userf("the FOCUS export %s does not exist on the Grafana server: fix the feed's location (a path as Grafana's server sees it)", l)
	}
	if os.IsPermission(err) {
		return fault.Userf("Grafana's server may not read the FOCUS export %s: grant read access to the user Grafana runs as", l)
	}
	return fmt.Errorf("opening the FOCUS export %s: %w", l, err)
}

// describeNetError keeps the kind of a transport error without the URL,
// whose query string may hold a signature.
func describeNetError(err error) string {
	var uerr *url.Error
	if !errors.As(err, &uerr) {
		return err.Error()
	}
	if uerr.Timeout() {
		return "timed out"
	}
	return strings.TrimSpace(uerr.Err.Error())
}

// gunzipIfNeeded decompresses a gzip stream (by its magic bytes) and
// bounds what may be read.
func gunzipIfNeeded(body io.ReadCloser) (io.ReadCloser, error) {
	buffered := bufio.NewReader(body)
	magic, _ := buffered.Peek(2)
	var r io.Reader = buffered
	if len(magic) == 2 && magic[0] == 0x1f && magic[1] == 0x8b {
		gz, err := gzip.NewReader(buffered)
		if err != nil {
			body.Close()
			return nil, fmt.Errorf("the FOCUS export looks gzipped but cannot be decompressed: %w", err)
		}
		r = gz
	}
	return readCloser{&capped{r: r, left: maxDownloadBytes}, body}, nil
}

// capped fails a read past its limit instead of cutting the export short.
type capped struct {
	r    io.Reader
	left int64
}

func (c *capped) Read(p []byte) (int, error) {
	if c.left <= 0 {
		return 0, fault.Userf("the FOCUS export is larger than %d GiB: export a shorter period per file", maxDownloadBytes>>30)
	}
	if int64(len(p)) > c.left {
		p = p[:c.left]
	}
	n, err := c.r.Read(p)
	c.left -= int64(n)
	return n, err
}

type readCloser struct {
	io.Reader
	io.Closer
}
