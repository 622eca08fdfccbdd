// Command gpx_aiperf_monitor is the backend of the AI Performance Monitor data source.
package main

import (
	"os"

	"github.com/grafana/grafana-plugin-sdk-go/backend/datasource"
	"github.com/grafana/grafana-plugin-sdk-go/backend/log"

	"github.com/aiperf/monitor/pkg/plugin"
)

func main() {
	if err := datasource.Manage("aiperf-monitor-datasource", plugin.NewDatasource, datasource.ManageOpts{}); err != nil {
		log.DefaultLogger.Error(err.Error())
		os.Exit(1)
	}
}
