package monitor

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/aiperf/monitor/pkg/catalog"
	"github.com/aiperf/monitor/pkg/engine"
	"github.com/aiperf/monitor/pkg/frames"
	"github.com/aiperf/monitor/pkg/sources"
)

// Kinds of check in the evidence register.
const (
	checkDrift            = "drift"
	checkQuality          = "quality"
	checkEstimatedQuality = "estimatedQuality"
	checkFairness         = "fairness"
	checkDataQuality      = "dataQuality"
	checkAvailability     = "availability"
	checkLatency          = "latency"
	checkErrorRate        = "errorRate"
	checkConfiguration    = "configuration"
)

// EvidenceChecks lists the kinds of check in register order; query.EvidenceChecks holds the same.
var EvidenceChecks = []string{checkDrift, checkQuality, checkEstimatedQuality, checkFairness, checkDataQuality, checkAvailability, checkLatency, checkErrorRate, checkConfiguration}

// ruleChecks maps the health rules (by the start of their id) to the check
// whose window they fired on.
var ruleChecks = []struct{ rule, check string }{
	{"estimatedQualityDrop", checkEstimatedQuality}, {"qualityDrop", checkQuality}, {"fairness", checkFairness},
	{"dataQuality", checkDataQuality}, {"downtime", checkAvailability}, {"pipeline", checkAvailability},
	{"latency", checkLatency}, {"inputDrift", checkDrift}, {"configurationDrift", checkConfiguration},
}

// evidencePoints bounds the windows per check: a register of a month reads
// as days, of a day as hours.
const evidencePoints = 48

// evidenceWindows are the windows the register reports checks on.
func evidenceWindows(r *Request) Windows {
	return windowsOf(r.Range, max(r.Interval, r.Range.Span()/evidencePoints), minModelWindow)
}

// evidenceOf runs, for one model and every window, each check the monitors
// run — with the same functions the pages call — and records its inputs,
// outcome and the health rule that fired on it, if any.
func (r *Request) evidenceOf(ctx context.Context, m catalog.Model, w Windows) ([]frames.EvidenceRow, error) {
	e := &evidence{r: r, m: m, w: w, t: r.Catalog.TargetsFor(m.ID), now: r.Now()}
	h, err := r.measureHealth(ctx, m, w, needScore|needPipeline)
	if err != nil {
		return nil, err
	}
	e.alerts = make([]map[string]string, len(w.List))
	for i, in := range h.perWindow {
		e.alerts[i] = alertsOf(engine.AssessHealth(in))
	}
	if r.Conns.Inference != nil {
		if err := e.modelChecks(ctx); err != nil {
			return nil, err
		}
	} else {
		e.unmeasured([]string{checkDrift, checkQuality, checkEstimatedQuality, checkFairness, checkDataQuality}, "no inference-log source: the model checks do not run")
	}
	if r.Conns.Serving != nil {
		if err := e.servingChecks(ctx); err != nil {
			return nil, err
		}
	} else {
		e.unmeasured([]string{checkAvailability, checkLatency, checkErrorRate}, "no serving source: the availability and SLA checks do not run")
	}
	if err := e.configurationChecks(ctx); err != nil {
		return nil, err
	}
	// Window by window, checks in register order.
	slices.SortStableFunc(e.rows, func(a, b frames.EvidenceRow) int {
		if c := a.From.Compare(b.From); c != 0 {
			return c
		}
		return slices.Index(EvidenceChecks, a.Check) - slices.Index(EvidenceChecks, b.Check)
	})
	return e.rows, nil
}

// evidence collects one model's register.
type evidence struct {
	r      *Request
	m      catalog.Model
	w      Windows
	t      catalog.Targets
	now    time.Time
	alerts []map[string]string // per window: check → the alert raised
	rows   []frames.EvidenceRow
}

// add records one check on window i; an undefined value is "not measured".
func (e *evidence) add(i int, row frames.EvidenceRow, failed bool) {
	row.Model, row.From, row.To, row.Evaluated = e.m.ID, e.w.List[i].From, e.w.List[i].To, e.now
	switch {
	case !row.Value.OK:
		row.Outcome = outcomeNotMeasured
	case failed:
		row.Outcome = outcomeFail
	default:
		row.Outcome = outcomePass
	}
	row.Alert = e.alerts[i][row.Check]
	e.rows = append(e.rows, row)
}

func (e *evidence) unmeasured(checks []string, why string) {
	for i := range e.w.List {
		for _, c := range checks {
			e.add(i, frames.EvidenceRow{Check: c, Name: c, Detail: why}, false)
		}
	}
}

// modelChecks runs drift, quality (realized and estimated), fairness and
// data quality on every window's summary.
func (e *evidence) modelChecks(ctx context.Context) error {
	md, err := e.r.loadModelWindows(ctx, e.m, e.w)
	if err != nil {
		return err
	}
	by := "prediction logs of " + e.r.Conns.Meters.By[sources.MeterDataQuality]
	ref := fmt.Sprintf("baseline %s to %s", md.reference.From.Format(time.DateOnly), md.reference.To.Format(time.DateOnly))
	metric := primaryMetric(md)
	base, err := qualityOf(md.schema, md.baseline.Summary)
	if err != nil {
		return err
	}
	baseValue := base.Get(metric)
	var calibration engine.Calibration
	if md.schema.Task == engine.TaskBinary {
		calibration = engine.CalibrationFrom(md.baseline.Summary.Scores)
	}
	method := e.r.Query.Method
	if method == "" {
		method = "auto"
	}
	for i, s := range md.summaries {
		results, err := engine.FeatureDrift(md.baseline, s, method)
		if err != nil {
			return err
		}
		drifted, share := engine.DatasetDrift(results)
		scored := engine.Metric{}
		var moved []string
		for _, res := range results {
			if res.OK {
				scored = engine.Metric{Value: share, OK: true}
			}
			if res.OK && res.Drifted {
				moved = append(moved, fmt.Sprintf("%s (%s %.3g)", res.Feature, res.Method, res.Score))
			}
		}
		e.add(i, frames.EvidenceRow{Check: checkDrift, Name: "dataset drift", Baseline: ref, Method: method + " per feature (DESIGN.md drift methods)",
			Threshold: fmt.Sprintf("dataset drift when ≥ %.0f%% of features drift", engine.DatasetDriftShare*100), Value: scored, Unit: frames.UnitPercentUnit,
			Detail: fmt.Sprintf("%d of %d features drift: %s", len(moved), len(results), strings.Join(moved, ", ")), MeasuredBy: by}, drifted)

		current, err := qualityOf(md.schema, s)
		if err != nil {
			return err
		}
		cv := current.Get(metric)
		drop := engine.QualityDrop(metric, baseValue, cv)
		e.add(i, frames.EvidenceRow{Check: checkQuality, Name: metric + " on labeled predictions", Baseline: fmt.Sprintf("%s %s", ref, formatMetric(baseValue)), Method: metric,
			Threshold: fmt.Sprintf("drop ≥ %.1f%% of the baseline", e.t.AccuracyDropAlert*100), Value: cv, Unit: unitOfMetric(metric),
			Detail: fmt.Sprintf("%d labeled of %d predictions; drop %s", s.Labeled, s.Rows, formatPercent(drop)), MeasuredBy: by}, drop.OK && drop.Value >= e.t.AccuracyDropAlert)

		if md.schema.Task == engine.TaskBinary && s.Rows > s.Labeled && s.Scores != nil {
			est := engine.EstimateBinaryWith(calibration, s.Scores, md.schema.Threshold)
			name := metric
			value, ok := estimateOf(est, metric)
			if !ok {
				name, value = engine.MetricAccuracy, est.Accuracy
			}
			estDrop := engine.QualityDrop(name, base.Get(name), value)
			e.add(i, frames.EvidenceRow{Check: checkEstimatedQuality, Name: name + " estimated on unlabeled predictions", Baseline: fmt.Sprintf("%s %s", ref, formatMetric(base.Get(name))),
				Method: "confidence-based estimate from calibrated scores (CBPE)", Threshold: fmt.Sprintf("drop ≥ %.1f%% of the baseline", e.t.AccuracyDropAlert*100),
				Value: value, Unit: frames.UnitPercentUnit, Detail: fmt.Sprintf("%d unlabeled predictions; estimated drop %s", est.Rows, formatPercent(estDrop)), MeasuredBy: by},
				estDrop.OK && estDrop.Value >= e.t.AccuracyDropAlert)
		}

		if md.schema.Task != engine.TaskRegression {
			for a, attribute := range md.schema.Sensitive {
				report, err := engine.Fairness(attribute, s.Groups[a], engine.FairnessOptions{DifferenceTarget: e.t.FairnessGap, Reference: engine.ReferenceBest})
				if err != nil {
					return err
				}
				failing, assessed := 0, false
				var parts []string
				for _, d := range report.Disparities {
					if d.Value.OK {
						assessed = true
						parts = append(parts, fmt.Sprintf("%s %.3f", d.Criterion, d.Value.Value))
						if !d.Pass {
							failing++
						}
					}
				}
				value := engine.Metric{}
				if assessed {
					value = engine.Metric{Value: float64(failing), OK: true}
				}
				e.add(i, frames.EvidenceRow{Check: checkFairness, Name: "fairness by " + attribute, Baseline: "best-off group", Method: "parity ratio, equal opportunity, equalized odds",
					Threshold: fmt.Sprintf("differences < %.0f%%, parity ratio ≥ 0.8", e.t.FairnessGap*100), Value: value, Unit: "criteria failing",
					Detail: strings.Join(parts, ", "), MeasuredBy: by}, report.Failed())
			}
		}

		dq := engine.DataQuality(md.baseline, s)
		e.add(i, frames.EvidenceRow{Check: checkDataQuality, Name: "inputs with a data-quality issue", Baseline: ref, Method: "completeness, validity (range +10%, known categories), outliers (3×IQR), schema",
			Threshold: fmt.Sprintf("issues on > %.0f%% of inputs (P2), any (P3)", engine.DataQualityP2Share*100), Value: dq.IssueShare, Unit: frames.UnitPercentUnit,
			Detail:     fmt.Sprintf("completeness %s, validity %s, outliers %s", formatPercent(dq.Overall.Completeness), formatPercent(dq.Overall.Validity), formatPercent(dq.Overall.OutlierRate)),
			MeasuredBy: by}, dq.IssueShare.OK && dq.IssueShare.Value > engine.DataQualityP2Share)
	}
	return nil
}

// servingChecks judges availability, p95 latency and error rate per window
// against the model's targets, as the SLA matrix does.
func (e *evidence) servingChecks(ctx context.Context) error {
	summaries, err := e.r.servingOf(ctx, e.m.ID, e.w.List)
	if err != nil {
		return err
	}
	by := "serving telemetry"
	for i, s := range summaries {
		sw := engine.SummarizeServing(s)
		a := attainment(sw, e.t)
		for _, row := range a.rows {
			check, name, unit, threshold := checkAvailability, "availability", frames.UnitPercentUnit, fmt.Sprintf("≥ %.2f%% uptime", e.t.Uptime*100)
			detail := fmt.Sprintf("%.0f min down of %.0f probed", sw.DowntimeMinutes, s.UpMinutes+s.DownMinutes)
			switch row.Objective {
			case objectiveLatencyP95:
				check, name, unit, threshold = checkLatency, "p95 latency", frames.UnitMs, fmt.Sprintf("≤ %.0f ms", e.t.P95LatencyMs)
				detail = fmt.Sprintf("from merged histogram buckets of %.0f requests", s.Requests)
			case objectiveErrorRate:
				check, name, threshold = checkErrorRate, "error rate", fmt.Sprintf("≤ %.2f%%", e.t.ErrorRate*100)
				detail = fmt.Sprintf("%.0f errors of %.0f requests", s.Errors, s.Requests)
			}
			e.add(i, frames.EvidenceRow{Check: check, Name: name, Baseline: "SLA target", Method: "serving summary of the window", Threshold: threshold,
				Value: row.Current, Unit: unit, Detail: detail, MeasuredBy: by}, row.Status == slaBreached)
		}
	}
	return nil
}

// configurationChecks compare the versions that served with the
// registry's production version and the baseline's versions.
func (e *evidence) configurationChecks(ctx context.Context) error {
	d, err := e.r.configurationDriftOf(ctx, e.m, e.w)
	if err != nil {
		return err
	}
	why := strings.Join(d.notes, "; ")
	for i := range e.w.List {
		served := describeUses(d.served[i])
		detail := func(v engine.Metric) string {
			if v.OK {
				return "served " + served
			}
			return why
		}
		e.add(i, frames.EvidenceRow{Check: checkConfiguration, Name: "serving the registry's production version", Baseline: fmt.Sprintf("production version %s (%s)", d.production, d.productionBy),
			Method: "share of predictions by version", Threshold: "any prediction by another version", Value: d.offRegistry[i], Unit: frames.UnitPercentUnit,
			Detail: detail(d.offRegistry[i]), MeasuredBy: d.measuredBy}, d.offRegistry[i].OK && d.offRegistry[i].Value > 0)
		e.add(i, frames.EvidenceRow{Check: checkConfiguration, Name: "serving a version the baseline saw", Baseline: "baseline versions " + strings.Join(d.baseline, ", "),
			Method: "share of predictions by version", Threshold: "any prediction by a version without a baseline", Value: d.unbaselined[i], Unit: frames.UnitPercentUnit,
			Detail: detail(d.unbaselined[i]), MeasuredBy: d.measuredBy}, d.unbaselined[i].OK && d.unbaselined[i].Value > 0)
	}
	return nil
}

// alertsOf maps the rules that fired on a window to their checks.
func alertsOf(a engine.HealthAssessment) map[string]string {
	out := map[string]string{}
	for _, issue := range a.Issues {
		for _, rc := range ruleChecks {
			if strings.HasPrefix(issue.Rule, rc.rule) {
				if _, taken := out[rc.check]; !taken {
					out[rc.check] = fmt.Sprintf("%s %s: %s", issue.Severity, issue.Rule, issue.Detail)
				}
				break
			}
		}
	}
	return out
}

func describeUses(uses []sources.VersionUse) string {
	all := predictionsOf(uses, func(string) bool { return true })
	if all == 0 {
		return "nothing"
	}
	parts := make([]string, len(uses))
	for i, u := range uses {
		parts[i] = fmt.Sprintf("%s %.1f%%", u.Version, 100*u.Predictions/all)
	}
	return strings.Join(parts, ", ")
}

func formatMetric(m engine.Metric) string {
	if !m.OK {
		return "(undefined)"
	}
	return fmt.Sprintf("%.4g", m.Value)
}

func formatPercent(m engine.Metric) string {
	if !m.OK {
		return "undefined"
	}
	return fmt.Sprintf("%.2f%%", m.Value*100)
}

func unitOfMetric(name string) string {
	if ratioMetrics[name] {
		return frames.UnitPercentUnit
	}
	return frames.UnitNone
}
