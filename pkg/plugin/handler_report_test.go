package plugin

import (
	"net/http"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/grafana/grafana-plugin-sdk-go/backend"
)

func TestComplianceReportIsOneSelfContainedFile(t *testing.T) {
	d := newTestDatasource(t)
	var c capture
	url := "compliance-report?model=risk-assessment&from=" + ms(testNow.Add(-30*24*time.Hour)) + "&to=" + ms(testNow)
	if err := d.CallResource(t.Context(), &backend.CallResourceRequest{Method: http.MethodGet, Path: "compliance-report", URL: url}, &c); err != nil {
		t.Fatal(err)
	}
	body := string(c.resp.Body)
	if c.resp.Status != 200 {
		t.Fatalf("status %d: %s", c.resp.Status, body)
	}
	if ct := c.resp.Headers["Content-Type"]; len(ct) == 0 || !strings.HasPrefix(ct[0], "text/html") {
		t.Errorf("content type %v, want text/html", ct)
	}
	if cd := c.resp.Headers["Content-Disposition"]; len(cd) == 0 || !strings.Contains(cd[0], `attachment; filename="compliance-report-risk-assessment-`) {
		t.Errorf("content disposition %v, want a download named after the model", cd)
	}
	for _, section := range []string{`id="inventory"`, `id="monitoring-plan"`, `id="results"`, `id="incidents"`, `id="findings"`, `id="evidence"`, "<svg"} {
		if !strings.Contains(body, section) {
			t.Errorf("the report lacks %s", section)
		}
	}
	for _, fact := range []string{"Credit Risk Analytics", "high", "Annex III 5(b) creditworthiness", "4.2.1"} {
		if !strings.Contains(body, fact) {
			t.Errorf("the inventory entry lacks %q", fact)
		}
	}
	// Nothing loads from elsewhere: no script, no link, no remote source.
	if m := regexp.MustCompile(`(?i)<script|<link|src="http|url\(http|@import`).FindString(body); m != "" {
		t.Errorf("the report loads something from outside: %q", m)
	}
}

func TestComplianceReportErrorsNameTheFix(t *testing.T) {
	d := newTestDatasource(t)
	for _, c := range []struct {
		url    string
		status int
		want   string
	}{
		{"compliance-report", 400, "the model parameter is missing"},
		{"compliance-report?model=nope", 404, "is not in the catalog"},
		{"compliance-report?model=risk-assessment&from=yesterday", 400, "is not a time: use epoch milliseconds or RFC 3339"},
	} {
		status, body := callResource(t, d, "compliance-report", c.url)
		if status != c.status || !strings.Contains(body, c.want) {
			t.Errorf("%s: %d %s, want %d with %q", c.url, status, body, c.status, c.want)
		}
	}
}

func ms(t time.Time) string { return strconv.FormatInt(t.UnixMilli(), 10) }

// Whatever the catalog says is text in the report, never markup.
func TestComplianceReportEscapesCatalogText(t *testing.T) {
	d := newDatasource(t.Context(), settingsFrom(`{"models": [{"id": "risk-assessment", "name": "<script>alert(1)</script>", "intendedPurpose": "<img src=x onerror=alert(2)>"}]}`, nil), fixedNow)
	status, body := callResource(t, d, "compliance-report", "compliance-report?model=risk-assessment&from="+ms(testNow.Add(-2*24*time.Hour))+"&to="+ms(testNow))
	if status != 200 {
		t.Fatalf("status %d: %s", status, body)
	}
	if strings.Contains(body, "<script>alert") || strings.Contains(body, "<img src=x") || !strings.Contains(body, "&lt;script&gt;alert(1)&lt;/script&gt;") {
		t.Errorf("the declared name and purpose reach the report unescaped")
	}
}
