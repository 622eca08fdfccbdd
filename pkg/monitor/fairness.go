package monitor

import (
	"context"
	"slices"

	"github.com/grafana/grafana-plugin-sdk-go/data"

	"github.com/aiperf/monitor/pkg/engine"
	"github.com/aiperf/monitor/pkg/fault"
	"github.com/aiperf/monitor/pkg/frames"
)

// fairnessReports computes one report per sensitive attribute of a summary,
// limited to the query's attribute when it names one.
func fairnessReports(r *Request, mw *modelData, s *engine.Summary) ([]engine.FairnessReport, error) {
	if mw.schema.Task == engine.TaskRegression {
		return nil, fault.Userf("model %s is a regression model: fairness needs a classifier's decisions", mw.model.ID)
	}
	if len(mw.schema.Sensitive) == 0 {
		return nil, fault.Userf("model %s declares no sensitive attributes", mw.model.ID)
	}
	opts := engine.FairnessOptions{DifferenceTarget: r.Catalog.TargetsFor(mw.model.ID).FairnessGap, Reference: r.Query.Reference, ReferenceGroup: r.Query.ReferenceGroup}
	if opts.Reference == "" {
		opts.Reference = engine.ReferenceBest
	}
	var reports []engine.FairnessReport
	found := false
	for i, attr := range mw.schema.Sensitive {
		if r.Query.Attribute != "" && r.Query.Attribute != attr {
			continue
		}
		found = true
		report, err := engine.Fairness(attr, s.Groups[i], opts)
		if err != nil {
			return nil, err
		}
		reports = append(reports, report)
	}
	if !found {
		return nil, fault.Userf("attribute %s is not a sensitive attribute of %s: use one of %v", fault.Echo(r.Query.Attribute), mw.model.ID, mw.schema.Sensitive)
	}
	return reports, nil
}

func fairnessFrames(ctx context.Context, r *Request) (data.Frames, error) {
	mw, err := r.loadModel(ctx)
	if err != nil {
		return nil, err
	}
	total, err := mw.total()
	if err != nil {
		return nil, err
	}
	reports, err := fairnessReports(r, mw, total)
	if err != nil {
		return nil, err
	}
	if err := checkReferenceGroup(r, mw, total); err != nil {
		return nil, err
	}
	return frames.Fairness(reports, mw.describe(string(r.Query.QueryType))), nil
}

func fairnessTrendFrames(ctx context.Context, r *Request) (data.Frames, error) {
	mw, err := r.loadModel(ctx)
	if err != nil {
		return nil, err
	}
	total, err := mw.total()
	if err != nil {
		return nil, err
	}
	if _, err := fairnessReports(r, mw, total); err != nil {
		return nil, err
	}
	if err := checkReferenceGroup(r, mw, total); err != nil {
		return nil, err
	}
	perWindow := make([][]engine.FairnessReport, len(mw.summaries))
	for i, s := range mw.summaries {
		if perWindow[i], err = fairnessReports(r, mw, s); err != nil {
			return nil, err
		}
	}
	f := frames.FairnessTrend(mw.windows.Starts, perWindow, mw.model.ID, mw.describe(string(r.Query.QueryType)))
	return data.Frames{f}, nil
}

// checkReferenceGroup makes sure a named reference group exists in the
// range (a window without it compares nothing, which is no error).
func checkReferenceGroup(r *Request, mw *modelData, total *engine.Summary) error {
	if r.Query.Reference != engine.ReferenceNamed {
		return nil
	}
	for i, attr := range mw.schema.Sensitive {
		if r.Query.Attribute != "" && r.Query.Attribute != attr {
			continue
		}
		if _, ok := total.Groups[i][r.Query.ReferenceGroup]; !ok {
			return fault.Userf("referenceGroup %s is not a group of %s in this range: use one of %v", fault.Echo(r.Query.ReferenceGroup), attr, groupNames(total.Groups[i]))
		}
	}
	return nil
}

func groupNames(groups map[string]*engine.GroupCounts) []string {
	names := make([]string, 0, len(groups))
	for g := range groups {
		names = append(names, g)
	}
	slices.Sort(names)
	return names
}
