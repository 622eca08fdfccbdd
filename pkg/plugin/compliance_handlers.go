package plugin

import (
	"context"
	"fmt"
	"time"

	"github.com/grafana/grafana-plugin-sdk-go/data"

	"github.com/aiperf/monitor/pkg/frames"
)

// Fairness statuses of the inventory frame.
const (
	fairnessPass        = "pass"
	fairnessFail        = "fail"
	fairnessNotAssessed = "not assessed"
)

// inventoryFrames answers `inventory`: the declared catalog with each model's
// measured fairness status and audit-log coverage and its retention status.
func inventoryFrames(ctx context.Context, in fleetInputs) (data.Frames, error) {
	rows := make([]frames.InventoryRow, 0, len(in.models))
	for _, m := range in.models {
		measured, err := measureCompliance(ctx, in, m)
		if err != nil {
			return nil, err
		}
		rows = append(rows, frames.InventoryRow{
			Model: m.ID, Name: m.Name, Owner: m.Owner, RiskClass: m.RiskClass, Version: m.Version, Task: m.Task,
			FairnessStatus: measured.fairnessStatus, AuditCoverage: measured.auditCoverage,
			RetentionDays: int64(m.RetentionDays), RetentionStatus: retentionStatus(m.RiskClass, int64(m.RetentionDays)),
		})
	}
	return data.Frames{frames.Inventory(rows, in.executed)}, nil
}

// regulationsFrames answers `regulations`: the declared compliance register.
func regulationsFrames(in fleetInputs) (data.Frames, error) {
	rows := make([]frames.RegulationRow, len(in.catalog.Regulations))
	for i, r := range in.catalog.Regulations {
		last, err := reviewDate(r.LastReview)
		if err != nil {
			return nil, fmt.Errorf("regulations[%d].lastReview: %w", i, err)
		}
		next, err := reviewDate(r.NextReview)
		if err != nil {
			return nil, fmt.Errorf("regulations[%d].nextReview: %w", i, err)
		}
		rows[i] = frames.RegulationRow{Regulation: r.Regulation, Scope: r.Scope, Owner: r.Owner, Status: r.Status, LastReview: last, NextReview: next}
	}
	return data.Frames{frames.Regulations(rows, in.executed)}, nil
}

// reviewDate parses a register date (YYYY-MM-DD); empty means not scheduled.
func reviewDate(s string) (*time.Time, error) {
	if s == "" {
		return nil, nil
	}
	d, err := time.Parse(time.DateOnly, s)
	if err != nil {
		return nil, fmt.Errorf("%q is not a date: use YYYY-MM-DD", s)
	}
	return &d, nil
}
