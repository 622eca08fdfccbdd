package plugin

import (
	"context"

	"github.com/aiperf/monitor/pkg/sources"
	"github.com/aiperf/monitor/pkg/sources/inference/clickhouse"
	"github.com/aiperf/monitor/pkg/sources/inference/postgres"
)

func openPostgres(ctx context.Context, cfg RoleConfig) (sources.InferenceSource, error) {
	return postgres.Open(ctx, cfg.Options, cfg.Field, cfg.Secrets)
}

func openClickHouse(_ context.Context, cfg RoleConfig) (sources.InferenceSource, error) {
	return clickhouse.Open(cfg.Options, cfg.Field, cfg.Secrets)
}
