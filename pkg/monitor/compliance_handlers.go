package monitor

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/grafana/grafana-plugin-sdk-go/data"

	"github.com/aiperf/monitor/pkg/engine"
	"github.com/aiperf/monitor/pkg/fault"
	"github.com/aiperf/monitor/pkg/frames"
	"github.com/aiperf/monitor/pkg/sources"
)

// Fairness statuses of the inventory frame.
const (
	fairnessPass        = "pass"
	fairnessFail        = "fail"
	fairnessNotAssessed = "not assessed"
)

// inventoryFrames answers `inventory`: the catalog (saying which fields
// came from the model registry) with each model's measured fairness status,
// audit-trail coverage and rows held past its retention policy, and its
// declared retention against its risk class.
func inventoryFrames(ctx context.Context, r *Request) (data.Frames, error) {
	models, err := r.fleetModels()
	if err != nil {
		return nil, err
	}
	w := hoursOf(r.Range)
	rows := make([]frames.InventoryRow, 0, len(models))
	for _, m := range models {
		fairness := complianceMeasures{fairnessStatus: fairnessNotAssessed}
		if r.Conns.Inference != nil {
			md, err := r.loadModelWindows(ctx, m, w)
			if err != nil {
				return nil, err
			}
			total, err := md.total()
			if err != nil {
				return nil, err
			}
			if fairness, err = complianceOf(m, md.schema, md.summaries, total, r.Catalog.TargetsFor(m.ID).FairnessGap); err != nil {
				return nil, err
			}
		}
		audit, audited, err := r.auditTrailOf(ctx, m, w)
		if err != nil {
			return nil, err
		}
		retained, _, measured, err := r.retentionOf(ctx, m)
		if err != nil {
			return nil, err
		}
		row := frames.InventoryRow{
			Model: m.ID, Name: m.Name, Owner: m.Owner, RiskClass: m.RiskClass, Version: m.Version, Task: m.Task, IntendedPurpose: m.IntendedPurpose,
			FairnessStatus: fairness.fairnessStatus, RetentionDays: int64(m.RetentionDays), RetentionStatus: retentionStatus(m.RiskClass, int64(m.RetentionDays)),
			Origin: string(r.Catalog.Origins[m.ID]), FromRegistry: strings.Join(r.Catalog.FromRegistry[m.ID], ", "),
		}
		if audited {
			row.AuditCoverage, row.AuditMeasuredBy = auditCoverage(audit), r.Conns.Meters.By[sources.MeterAudit]
		}
		if measured {
			row.RowsPastRetention = engine.Metric{Value: float64(retained.RowsOlder), OK: true}
		}
		rows = append(rows, row)
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
