// Package plugin is the SDK glue of the data source: instance settings,
// query dispatch by queryType, health checks and resource routes. It holds no
// metric math (pkg/engine) and no API knowledge (pkg/sources).
package plugin

import (
	"context"
	"time"

	"github.com/grafana/grafana-plugin-sdk-go/backend"
	"github.com/grafana/grafana-plugin-sdk-go/backend/datasource"
	"github.com/grafana/grafana-plugin-sdk-go/backend/instancemgmt"

	"github.com/aiperf/monitor/pkg/sources/demo"
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
	demo        *demo.Fleet
	now         func() time.Time
	mux         *datasource.QueryTypeMux
}

// NewDatasource builds an instance from its settings. Invalid settings still
// yield an instance, so queries and the health check can say what to fix.
func NewDatasource(_ context.Context, cfg backend.DataSourceInstanceSettings) (instancemgmt.Instance, error) {
	return newDatasource(cfg, time.Now), nil
}

func newDatasource(cfg backend.DataSourceInstanceSettings, now func() time.Time) *Datasource {
	d := &Datasource{now: now}
	d.settings, d.settingsErr = LoadSettings(cfg)
	if d.settingsErr == nil && d.settings.DemoEnabled {
		d.demo = demo.New(demo.Options{Now: now})
	}
	d.mux = d.newMux()
	return d
}

// Dispose releases nothing: the instance holds no connections yet.
func (d *Datasource) Dispose() {}

// QueryData answers each query through the mux; one query's failure never
// fails the others.
func (d *Datasource) QueryData(ctx context.Context, req *backend.QueryDataRequest) (*backend.QueryDataResponse, error) {
	return d.mux.QueryData(ctx, req)
}
