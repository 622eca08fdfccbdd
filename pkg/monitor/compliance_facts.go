package monitor

import (
	"context"
	"fmt"
	"math"
	"time"

	"github.com/aiperf/monitor/pkg/catalog"
	"github.com/aiperf/monitor/pkg/engine"
	"github.com/aiperf/monitor/pkg/frames"
	"github.com/aiperf/monitor/pkg/sources"
)

// Measured compliance facts, and what each is held to.
const (
	factAuditTrail      = "auditTrailCoverage"
	factOldestAge       = "oldestPredictionAgeDays"
	factRowsPast        = "rowsPastRetention"
	factRetentionPolicy = "retentionPolicyDays"
	factAuthFailures    = "authFailureShare"
	factRejected        = "rejectedShare"
	factOutOfDist       = "outOfDistributionShare"
	factOffRegistry     = "servedOffRegistry"
	factUnbaselined     = "servedWithoutBaseline"
)

// auditTrailTarget is the share of predictions that must be logged with a
// request id, a model version and the inputs for the record-keeping of
// EU AI Act Art. 12 to hold: every one, with a 0.1% allowance for rows in
// flight while the window is read.
const auditTrailTarget = 0.999

// Outcomes of a compliance fact.
const (
	outcomePass        = "pass"
	outcomeFail        = "fail"
	outcomeNotMeasured = "not measured"
)

// complianceFactsOf measures one model's compliance facts over the range
// with whatever connections can measure them; a fact nothing measures is
// undefined with the reason, never assumed to hold.
func (r *Request) complianceFactsOf(ctx context.Context, m catalog.Model, w Windows) ([]frames.FactRow, error) {
	by := r.Conns.Meters.By
	t := r.Catalog.TargetsFor(m.ID)
	var rows []frames.FactRow
	add := func(fact string, value engine.Metric, unit string, target float64, higherIsBad bool, measuredBy, detail, why string) {
		row := frames.FactRow{Model: m.ID, Fact: fact, Value: value, Unit: unit, Target: target, MeasuredBy: measuredBy, Detail: detail, Outcome: outcomeNotMeasured, Reading: reportValue(value, unit)}
		if !value.OK {
			row.Detail, row.MeasuredBy = why, ""
		} else if (value.Value > target) == higherIsBad && value.Value != target {
			row.Outcome = outcomeFail
		} else {
			row.Outcome = outcomePass
		}
		rows = append(rows, row)
	}

	if total, ok, err := r.auditTrailOf(ctx, m, w); err != nil {
		return nil, err
	} else if ok {
		detail := fmt.Sprintf("%d of %d predictions logged with request id, model version and inputs (missing: %d request ids, %d versions, %d inputs)",
			total.Complete, total.Predictions, total.MissingRequestID, total.MissingVersion, total.MissingInputs)
		add(factAuditTrail, auditCoverage(total), frames.UnitPercentUnit, auditTrailTarget, false, by[sources.MeterAudit], detail, "no prediction was logged in the range")
	} else {
		add(factAuditTrail, engine.Metric{}, frames.UnitPercentUnit, auditTrailTarget, false, "", "", noAuditNote)
	}

	policy := float64(m.RetentionDays)
	if facts, cutoff, ok, err := r.retentionOf(ctx, m); err != nil {
		return nil, err
	} else if ok {
		age := engine.Metric{}
		if !facts.Oldest.IsZero() {
			age = engine.Metric{Value: math.Floor(r.Now().Sub(facts.Oldest).Hours()/24*10) / 10, OK: true}
		}
		add(factOldestAge, age, "d", policy, true, by[sources.MeterRetention],
			fmt.Sprintf("oldest retained prediction %s, %d predictions held", stamp(facts.Oldest), facts.Rows), "the store holds no prediction of this model")
		add(factRowsPast, engine.Metric{Value: float64(facts.RowsOlder), OK: true}, frames.UnitNone, 0, true, by[sources.MeterRetention],
			fmt.Sprintf("%d predictions older than the %d-day policy (before %s)", facts.RowsOlder, m.RetentionDays, stamp(cutoff)), "")
	} else {
		why := "no connection reports retained predictions (the inference store's Retention): retention is not measured"
		if m.RetentionDays <= 0 {
			why = "no retention policy is declared (retentionDays): rows held past it cannot be counted"
		}
		add(factOldestAge, engine.Metric{}, "d", policy, true, "", "", why)
		add(factRowsPast, engine.Metric{}, frames.UnitNone, 0, true, "", "", why)
	}
	minimum := float64(minimumRetentionDays[m.RiskClass])
	declared := engine.Metric{}
	if m.RetentionDays > 0 {
		declared = engine.Metric{Value: policy, OK: true}
	}
	add(factRetentionPolicy, declared, "d", minimum, false, "declared ("+string(r.Catalog.Origins[m.ID])+")",
		fmt.Sprintf("declared policy against the %s risk class's minimum of %.0f days", riskClassName(m.RiskClass), minimum), "no retention policy is declared (retentionDays)")

	if src := r.Conns.Meters.Access; src != nil {
		counts, err := remember(r.Loads, "access|"+m.ID+"|"+windowsKey(w.List), func() ([]sources.AccessCounts, error) { return src.Access(ctx, m.ID, w.List) })
		if err != nil {
			return nil, fmt.Errorf("reading the request outcomes of %s: %w", m.ID, err)
		}
		var total sources.AccessCounts
		for _, c := range counts {
			total.Requests, total.AuthFailures, total.Rejected = total.Requests+c.Requests, total.AuthFailures+c.AuthFailures, total.Rejected+c.Rejected
		}
		add(factAuthFailures, ratioOf(total.AuthFailures, total.Requests), frames.UnitPercentUnit, t.ErrorRate, true, by[sources.MeterAccess],
			fmt.Sprintf("%.0f of %.0f requests refused for credentials (HTTP 401/403)", total.AuthFailures, total.Requests), "no request reached the serving layer")
		add(factRejected, ratioOf(total.Rejected, total.Requests), frames.UnitPercentUnit, t.ErrorRate, true, by[sources.MeterAccess],
			fmt.Sprintf("%.0f of %.0f requests rejected before inference (HTTP 400/413/422/429)", total.Rejected, total.Requests), "no request reached the serving layer")
	} else {
		why := "no connection reports the serving layer's status codes (the serving connector's Access): not measured"
		add(factAuthFailures, engine.Metric{}, frames.UnitPercentUnit, t.ErrorRate, true, "", "", why)
		add(factRejected, engine.Metric{}, frames.UnitPercentUnit, t.ErrorRate, true, "", "", why)
	}

	if r.Conns.Inference != nil {
		md, err := r.loadModelWindows(ctx, m, w)
		if err != nil {
			return nil, err
		}
		total, err := md.total()
		if err != nil {
			return nil, err
		}
		dq := engine.DataQuality(md.baseline, total)
		ood := engine.Metric{}
		if dq.Overall.Validity.OK {
			ood = engine.Metric{Value: 1 - dq.Overall.Validity.Value, OK: true}
		}
		add(factOutOfDist, ood, frames.UnitPercentUnit, engine.DataQualityP2Share, true, "data-quality checks on "+by[sources.MeterDataQuality],
			fmt.Sprintf("input values outside the baseline's range widened by 10%% or of unknown categories, mean over features, %d predictions", total.Rows), "no prediction was logged in the range")
	} else {
		add(factOutOfDist, engine.Metric{}, frames.UnitPercentUnit, engine.DataQualityP2Share, true, "", "", "no inference-log source: the data-quality checks do not run")
	}

	d, err := r.configurationDriftOf(ctx, m, w)
	if err != nil {
		return nil, err
	}
	why := noVersionsNote
	if len(d.notes) > 0 {
		why = d.notes[0]
	}
	add(factOffRegistry, d.totalOff, frames.UnitPercentUnit, 0, true, d.measuredBy+" against the registry",
		fmt.Sprintf("production version %s (%s); serving now %s", d.production, d.productionBy, d.servingNow()), why)
	add(factUnbaselined, d.totalNew, frames.UnitPercentUnit, 0, true, d.measuredBy,
		fmt.Sprintf("baseline saw %v; serving now %s", d.baseline, d.servingNow()), why)
	return rows, nil
}

func riskClassName(c string) string {
	if c == "" {
		return "undeclared"
	}
	return c
}

const noAuditNote = "no connection counts logged predictions (the inference store's AuditTrail): audit-trail coverage is not measured"

// auditTrailOf adds up a model's audit counts over the windows; ok is
// false when no connection counts them.
func (r *Request) auditTrailOf(ctx context.Context, m catalog.Model, w Windows) (sources.AuditCounts, bool, error) {
	src := r.Conns.Meters.Audit
	if src == nil {
		return sources.AuditCounts{}, false, nil
	}
	counts, err := remember(r.Loads, "audit|"+m.ID+"|"+windowsKey(w.List), func() ([]sources.AuditCounts, error) { return src.AuditTrail(ctx, m.ID, w.List) })
	if err != nil {
		return sources.AuditCounts{}, false, fmt.Errorf("reading the audit trail of %s: %w", m.ID, err)
	}
	var total sources.AuditCounts
	for _, c := range counts {
		total.Predictions, total.Complete = total.Predictions+c.Predictions, total.Complete+c.Complete
		total.MissingRequestID, total.MissingVersion, total.MissingInputs = total.MissingRequestID+c.MissingRequestID, total.MissingVersion+c.MissingVersion, total.MissingInputs+c.MissingInputs
	}
	return total, true, nil
}

// auditCoverage is the share of predictions logged with a request id, a
// model version and the inputs.
func auditCoverage(c sources.AuditCounts) engine.Metric {
	return engine.Coverage(int(c.Complete), int(c.Predictions))
}

// retentionOf reads what the store holds of a model against its declared
// policy; ok is false without a policy or a connection that reports it.
func (r *Request) retentionOf(ctx context.Context, m catalog.Model) (sources.RetentionFacts, time.Time, bool, error) {
	src := r.Conns.Meters.Retention
	if src == nil || m.RetentionDays <= 0 {
		return sources.RetentionFacts{}, time.Time{}, false, nil
	}
	cutoff := r.Now().Add(-time.Duration(m.RetentionDays) * 24 * time.Hour)
	facts, err := remember(r.Loads, fmt.Sprintf("retention|%s|%d", m.ID, cutoff.Unix()), func() (sources.RetentionFacts, error) { return src.Retention(ctx, m.ID, cutoff) })
	if err != nil {
		return sources.RetentionFacts{}, time.Time{}, false, fmt.Errorf("reading the retained predictions of %s: %w", m.ID, err)
	}
	return facts, cutoff, true, nil
}
