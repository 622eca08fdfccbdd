package plugin

import (
	"context"

	"github.com/grafana/grafana-plugin-sdk-go/data"

	"github.com/aiperf/monitor/pkg/engine"
	"github.com/aiperf/monitor/pkg/frames"
)

// fairnessReports computes one report per sensitive attribute of a summary,
// limited to the query's attribute when it names one.
func fairnessReports(qc *queryContext, mw *modelWindows, s *engine.Summary) ([]engine.FairnessReport, error) {
	if mw.schema.Task == engine.TaskRegression {
		return nil, badQuery("model %s is a regression model: fairness needs a classifier's decisions", mw.model.ID)
	}
	if len(mw.schema.Sensitive) == 0 {
		return nil, badQuery("model %s declares no sensitive attributes", mw.model.ID)
	}
	opts := engine.FairnessOptions{DifferenceTarget: qc.Settings.Catalog.TargetsFor(mw.model.ID).FairnessGap}
	var reports []engine.FairnessReport
	found := false
	for i, attr := range mw.schema.Sensitive {
		if qc.Query.Attribute != "" && qc.Query.Attribute != attr {
			continue
		}
		found = true
		r, err := engine.Fairness(attr, s.Groups[i], opts)
		if err != nil {
			return nil, err
		}
		reports = append(reports, r)
	}
	if !found {
		return nil, badQuery("attribute %q is not a sensitive attribute of %s: use one of %v", qc.Query.Attribute, mw.model.ID, mw.schema.Sensitive)
	}
	return reports, nil
}

func fairnessFrames(ctx context.Context, qc *queryContext) (data.Frames, error) {
	mw, err := loadModelWindows(ctx, qc)
	if err != nil {
		return nil, err
	}
	total, err := mw.total()
	if err != nil {
		return nil, err
	}
	reports, err := fairnessReports(qc, mw, total)
	if err != nil {
		return nil, err
	}
	return frames.Fairness(reports, mw.executed), nil
}

func fairnessTrendFrames(ctx context.Context, qc *queryContext) (data.Frames, error) {
	mw, err := loadModelWindows(ctx, qc)
	if err != nil {
		return nil, err
	}
	perWindow := make([][]engine.FairnessReport, len(mw.summaries))
	for i, s := range mw.summaries {
		if perWindow[i], err = fairnessReports(qc, mw, s); err != nil {
			return nil, err
		}
	}
	f := frames.FairnessTrend(mw.times(), perWindow, mw.executed)
	if mw.widened {
		frames.Notice(f, mw.widenedNotice())
	}
	return data.Frames{f}, nil
}
