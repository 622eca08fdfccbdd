package frames

import (
	"fmt"
	"time"

	"github.com/grafana/grafana-plugin-sdk-go/data"

	"github.com/aiperf/monitor/pkg/engine"
)

// Fairness builds the fairnessGroups and fairnessDisparities frames the
// fairness panel reads (docs/queries.md).
func Fairness(reports []engine.FairnessReport, executed string) data.Frames {
	var (
		attr, group             []string
		n                       []int64
		sel, tpr, fpr, ppv, acc []*float64
		small, isRef            []bool
		dAttr, criterion, ref   []string
		value                   []*float64
		target                  []float64
		pass                    []bool
	)
	for _, r := range reports {
		for _, g := range r.Groups {
			attr, group, n, small = append(attr, r.Attribute), append(group, g.Group), append(n, g.N), append(small, g.Small)
			isRef = append(isRef, r.ReferenceGroup != "" && g.Group == r.ReferenceGroup)
			sel, tpr, fpr = append(sel, g.SelectionRate.Ptr()), append(tpr, g.TPR.Ptr()), append(fpr, g.FPR.Ptr())
			ppv, acc = append(ppv, g.PPV.Ptr()), append(acc, g.Accuracy.Ptr())
		}
		for _, d := range r.Disparities {
			dAttr, criterion, value = append(dAttr, r.Attribute), append(criterion, d.Criterion), append(value, d.Value.Ptr())
			ref = append(ref, r.Reference)
			target, pass = append(target, d.Target), append(pass, d.Pass)
		}
	}
	groups := New("fairnessGroups", executed,
		data.NewField("attribute", nil, attr),
		data.NewField("group", nil, group),
		ValueField("n", "Rows", UnitNone, n),
		ValueField("selectionRate", "Selection rate", UnitPercentUnit, sel),
		ValueField("tpr", "True positive rate", UnitPercentUnit, tpr),
		ValueField("fpr", "False positive rate", UnitPercentUnit, fpr),
		ValueField("ppv", "Precision (PPV)", UnitPercentUnit, ppv),
		ValueField("accuracy", "Accuracy", UnitPercentUnit, acc),
		data.NewField("smallSample", nil, small),
		ValueField("reference", "Reference group", "", isRef),
	)
	disparities := New("fairnessDisparities", executed,
		data.NewField("attribute", nil, dAttr),
		data.NewField("criterion", nil, criterion),
		ValueField("value", "Value", UnitNone, value),
		ValueField("target", "Target", UnitNone, target),
		data.NewField("pass", nil, pass),
		ValueField("reference", "Compared with", "", ref),
	)
	return data.Frames{groups, disparities}
}

// FairnessTrend is one field per attribute × criterion over windows,
// labelled by model, attribute and criterion.
func FairnessTrend(times []time.Time, perWindow [][]engine.FairnessReport, model, executed string) *data.Frame {
	fields := []*data.Field{TimeField(times)}
	index := map[string]*data.Field{}
	var order []string
	for w, reports := range perWindow {
		for _, r := range reports {
			for _, d := range r.Disparities {
				key := r.Attribute + "/" + d.Criterion
				f, ok := index[key]
				if !ok {
					f = WithLabels(ValueField(d.Criterion, r.Attribute+": "+criterionLabels[d.Criterion], UnitNone, make([]*float64, len(times))),
						data.Labels{"model": model, "attribute": r.Attribute, "criterion": d.Criterion})
					index[key], order = f, append(order, key)
				}
				f.Set(w, d.Value.Ptr())
			}
		}
	}
	for _, key := range order {
		fields = append(fields, index[key])
	}
	f := NewTimeSeries("fairnessTrend", executed, fields...)
	if trailing := unlabeledTail(perWindow); trailing > 0 {
		f.AppendNotices(data.Notice{Severity: data.NoticeSeverityInfo, Text: fmt.Sprintf(
			"the last %d windows have no labels yet, so their error-rate criteria are empty until the ground truth arrives", trailing)})
	}
	return f
}

// criterionLabels are the names people read for the fairness criteria.
var criterionLabels = map[string]string{
	engine.CriterionDemographicParityDifference: "demographic parity difference",
	engine.CriterionDemographicParityRatio:      "demographic parity ratio",
	engine.CriterionEqualOpportunityDifference:  "equal opportunity difference",
	engine.CriterionEqualizedOddsDifference:     "equalized odds difference",
}

// unlabeledTail counts the trailing windows in which no group has labels.
func unlabeledTail(perWindow [][]engine.FairnessReport) int {
	n := 0
	for w := len(perWindow) - 1; w >= 0; w-- {
		for _, r := range perWindow[w] {
			for _, g := range r.Groups {
				if g.Labeled > 0 {
					return n
				}
			}
		}
		n++
	}
	return n
}
