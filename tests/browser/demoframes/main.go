// Command demoframes prints, as Grafana's wire JSON, the frames the data
// source returns for the custom panels' queries on the built-in demo fleet.
// The browser check renders the panels from exactly these frames.
package main

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"time"

	"github.com/grafana/grafana-plugin-sdk-go/backend"

	"github.com/aiperf/monitor/pkg/plugin"
)

func main() {
	if err := run(); err != nil {
		fmt.Fprintln(os.Stderr, "demoframes:", err)
		os.Exit(1)
	}
}

func run() error {
	inst, err := plugin.NewDatasource(context.Background(), backend.DataSourceInstanceSettings{JSONData: []byte(`{}`)})
	if err != nil {
		return err
	}
	ds := inst.(*plugin.Datasource)

	to := time.Now().UTC().Truncate(time.Hour)
	window := backend.TimeRange{From: to.Add(-30 * 24 * time.Hour), To: to}
	queries := []backend.DataQuery{
		query("drift", "drift", "risk-assessment", window),
		query("fairness", "fairness", "risk-assessment", window),
	}
	resp, err := ds.QueryData(context.Background(), &backend.QueryDataRequest{Queries: queries})
	if err != nil {
		return err
	}
	for refID, r := range resp.Responses {
		if r.Error != nil {
			return fmt.Errorf("query %s: %w", refID, r.Error)
		}
	}
	return json.NewEncoder(os.Stdout).Encode(resp)
}

func query(refID, queryType, model string, tr backend.TimeRange) backend.DataQuery {
	body, _ := json.Marshal(map[string]string{"queryType": queryType, "model": model})
	return backend.DataQuery{
		RefID: refID, QueryType: queryType, JSON: body, TimeRange: tr,
		Interval: 24 * time.Hour, MaxDataPoints: 30,
	}
}
