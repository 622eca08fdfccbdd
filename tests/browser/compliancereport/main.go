// Command compliancereport writes, for the browser check, Risk Assessment's
// compliance report over the last 30 days on the built-in demo fleet
// (report.html, as the compliance-report resource serves it) and the
// evidence and complianceFacts frames the data source returns for the same
// model and period (frames.json, Grafana's wire JSON), into the folder given.
package main

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"time"

	"github.com/grafana/grafana-plugin-sdk-go/backend"

	"github.com/aiperf/monitor/pkg/plugin"
)

const model = "risk-assessment"

func main() {
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: compliancereport OUTPUT_DIR")
		os.Exit(2)
	}
	if err := run(os.Args[1]); err != nil {
		fmt.Fprintln(os.Stderr, "compliancereport:", err)
		os.Exit(1)
	}
}

func run(dir string) error {
	ctx := context.Background()
	inst, err := plugin.NewDatasource(ctx, backend.DataSourceInstanceSettings{UID: "aiperf-demo", JSONData: []byte(`{}`)})
	if err != nil {
		return err
	}
	ds := inst.(*plugin.Datasource)
	to := time.Now().UTC().Truncate(time.Hour)
	from := to.Add(-30 * 24 * time.Hour)

	var report *backend.CallResourceResponse
	url := fmt.Sprintf("compliance-report?model=%s&from=%d&to=%d", model, from.UnixMilli(), to.UnixMilli())
	err = ds.CallResource(ctx, &backend.CallResourceRequest{Method: http.MethodGet, Path: "compliance-report", URL: url},
		backend.CallResourceResponseSenderFunc(func(r *backend.CallResourceResponse) error { report = r; return nil }))
	if err != nil {
		return err
	}
	if report.Status != http.StatusOK {
		return fmt.Errorf("compliance-report answered %d: %s", report.Status, report.Body)
	}
	if err := os.WriteFile(filepath.Join(dir, "report.html"), report.Body, 0o644); err != nil {
		return err
	}

	queries := []backend.DataQuery{query("evidence", from, to), query("complianceFacts", from, to)}
	resp, err := ds.QueryData(ctx, &backend.QueryDataRequest{Queries: queries})
	if err != nil {
		return err
	}
	for refID, r := range resp.Responses {
		if r.Error != nil {
			return fmt.Errorf("query %s: %w", refID, r.Error)
		}
	}
	raw, err := json.Marshal(resp)
	if err != nil {
		return err
	}
	fmt.Println("report", strconv.Itoa(len(report.Body)), "bytes")
	return os.WriteFile(filepath.Join(dir, "frames.json"), raw, 0o644)
}

// query asks for the same model and period as the report; interval 0 lets
// the register pick its windows as the report's route does.
func query(queryType string, from, to time.Time) backend.DataQuery {
	body, _ := json.Marshal(map[string]string{"queryType": queryType, "model": model})
	return backend.DataQuery{RefID: queryType, QueryType: queryType, JSON: body, TimeRange: backend.TimeRange{From: from, To: to}}
}
