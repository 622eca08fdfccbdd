// Package plugin is the SDK glue of the data source: instance settings and
// connections, query dispatch by queryType, the health check, resource
// routes and error classification. Domain work is pkg/monitor's, metric
// math pkg/engine's and API knowledge the connectors'.
package plugin

import (
	"context"
	"io"
	"time"

	"github.com/grafana/grafana-plugin-sdk-go/backend"
	"github.com/grafana/grafana-plugin-sdk-go/backend/datasource"
	"github.com/grafana/grafana-plugin-sdk-go/backend/instancemgmt"

	"github.com/aiperf/monitor/pkg/monitor"
	"github.com/aiperf/monitor/pkg/sources"
	"github.com/aiperf/monitor/pkg/sources/inference/logstore"
)

var (
	_ backend.QueryDataHandler      = (*Datasource)(nil)
	_ backend.CheckHealthHandler    = (*Datasource)(nil)
	_ backend.CallResourceHandler   = (*Datasource)(nil)
	_ instancemgmt.InstanceDisposer = (*Datasource)(nil)
)

// Datasource is one configured instance of the data source.
type Datasource struct {
	settings    *Settings
	settingsErr error // invalid settings fail every query with the field errors, not the plugin
	now         func() time.Time
	conns       sources.Connections // cached decorators over the connectors
	checks      []roleCheck         // the raw connectors, for the health check
	catalogs    *catalogs
	mux         *datasource.QueryTypeMux
	resources   backend.CallResourceHandler
	closers     []io.Closer
	inspector   logstore.Inspector // the inference store's table, for the settings editor; nil when it has none
	folds       *monitor.Folds     // totals of window runs, shared by every query
}

// NewDatasource builds an instance from its settings. Invalid settings still
// yield an instance, so queries and the health check can say what to fix.
func NewDatasource(ctx context.Context, cfg backend.DataSourceInstanceSettings) (instancemgmt.Instance, error) {
	return newDatasource(ctx, cfg, time.Now), nil
}

func newDatasource(ctx context.Context, cfg backend.DataSourceInstanceSettings, now func() time.Time) *Datasource {
	d := &Datasource{now: now, folds: monitor.NewFolds()}
	d.settings, d.settingsErr = LoadSettings(cfg)
	if d.settingsErr == nil {
		d.connect(ctx)
	}
	d.mux = d.newMux()
	d.resources = d.newResources()
	return d
}

// Dispose closes the connectors' pools.
func (d *Datasource) Dispose() {
	for _, c := range d.closers {
		_ = c.Close()
	}
}
