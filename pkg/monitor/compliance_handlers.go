package monitor

import (
	"context"
	"fmt"
	"time"

	"github.com/grafana/grafana-plugin-sdk-go/data"

	"github.com/aiperf/monitor/pkg/fault"
	"github.com/aiperf/monitor/pkg/frames"
)

// Fairness statuses of the inventory frame.
const (
	fairnessPass        = "pass"
	fairnessFail        = "fail"
	fairnessNotAssessed = "not assessed"
)

// inventoryFrames answers `inventory`: the catalog with each model's
// measured fairness status and audit-log coverage and its retention status.
func inventoryFrames(ctx context.Context, r *Request) (data.Frames, error) {
	models, err := r.fleetModels()
	if err != nil {
		return nil, err
	}
	w := hoursOf(r.Range)
	rows := make([]frames.InventoryRow, 0, len(models))
	for _, m := range models {
		measured := complianceMeasures{fairnessStatus: fairnessNotAssessed}
		if r.Conns.Inference != nil {
			md, err := r.loadModelWindows(ctx, m, w)
			if err != nil {
				return nil, err
			}
			total, err := md.total()
			if err != nil {
				return nil, err
			}
			if measured, err = complianceOf(m, md.schema, md.summaries, total, r.Catalog.TargetsFor(m.ID).FairnessGap); err != nil {
				return nil, err
			}
		}
		rows = append(rows, frames.InventoryRow{
			Model: m.ID, Name: m.Name, Owner: m.Owner, RiskClass: m.RiskClass, Version: m.Version, Task: m.Task,
			FairnessStatus: measured.fairnessStatus, AuditCoverage: measured.auditCoverage,
			RetentionDays: int64(m.RetentionDays), RetentionStatus: retentionStatus(m.RiskClass, int64(m.RetentionDays)),
		})
	}
	return data.Frames{frames.Inventory(rows, "inventory of "+r.scope()+" over "+r.Range.String())}, nil
}

// regulationsFrames answers `regulations`: the declared compliance register.
func regulationsFrames(_ context.Context, req *Request) (data.Frames, error) {
	rows := make([]frames.RegulationRow, len(req.Catalog.Regulations))
	for i, r := range req.Catalog.Regulations {
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
	return data.Frames{frames.Regulations(rows, "the declared regulation register")}, nil
}

// reviewDate parses a register date (YYYY-MM-DD); empty means not scheduled.
func reviewDate(s string) (*time.Time, error) {
	if s == "" {
		return nil, nil
	}
	d, err := time.Parse(time.DateOnly, s)
	if err != nil {
		return nil, fault.Userf("%s is not a date: use YYYY-MM-DD", fault.Echo(s))
	}
	return &d, nil
}
