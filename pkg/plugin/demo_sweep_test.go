package plugin

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/aiperf/monitor/pkg/query"
)

// Every page must work on the demo right after install: each query type,
// for each demo model where it takes one, answers a 30-day range with data.
// A query type that does not apply to a kind of model (fairness on a
// regression without sensitive attributes, say) must say so in its error.
var notApplicable = map[[2]string]string{
	{"confusionMatrix", "demand-forecast"}: "a confusion matrix needs a classifier",
	{"reliability", "demand-forecast"}:     "the reliability curve needs a binary classifier",
	{"fairness", "demand-forecast"}:        "fairness needs a classifier",
	{"fairnessTrend", "demand-forecast"}:   "fairness needs a classifier",
	{"fairness", "recommendation-ai"}:      "declares no sensitive attributes",
	{"fairnessTrend", "recommendation-ai"}: "declares no sensitive attributes",
}

func TestEveryQueryTypeAnswersOnTheProvisionedDemo(t *testing.T) {
	d := newProvisionedDemo(t)
	for _, info := range query.Types {
		models := []string{""}
		if info.NeedsModel {
			models = nil
			for _, m := range demoModels(t, d) {
				models = append(models, m.ID)
			}
		}
		measures := []string{""}
		if info.Value == query.QueryTypeMeasures {
			measures = query.Measures
		}
		for _, model := range models {
			for _, measure := range measures {
				body := map[string]any{"queryType": string(info.Value)}
				if model != "" {
					body["model"] = model
				}
				if measure != "" {
					body["measure"] = measure
				}
				if info.NeedsFeature {
					body["feature"] = firstFeature(t, d, model)
				}
				sweep(t, d, info.Value, model, measure, body)
			}
		}
	}
}

// sweep runs one query of the sweep and checks it answers with rows, or
// with the reason it does not apply.
func sweep(t *testing.T, d *Datasource, queryType query.Type, model, measure string, body map[string]any) {
	t.Helper()
	r := run(t, d, dataQuery("A", body, 30*day, day)).Responses["A"]
	if reason, ok := notApplicable[[2]string{string(queryType), model}]; ok {
		if r.Error == nil || !strings.Contains(r.Error.Error(), reason) {
			t.Errorf("%s %s: got %v, want an error saying %q", queryType, model, r.Error, reason)
		}
		return
	}
	rows := 0
	for _, f := range r.Frames {
		rows += f.Rows()
	}
	switch {
	case r.Error != nil:
		t.Errorf("%s %s %s: %v", queryType, model, measure, r.Error)
	case len(r.Frames) == 0:
		t.Errorf("%s %s %s: no frames", queryType, model, measure)
	case rows == 0:
		t.Errorf("%s %s %s: %d frames, all empty", queryType, model, measure, len(r.Frames))
	}
}

// firstFeature asks the features resource, as the query editor does.
func firstFeature(t *testing.T, d *Datasource, model string) string {
	t.Helper()
	status, body := callResource(t, d, "features", "features?model="+model)
	var features []featureInfo
	if status != 200 || json.Unmarshal([]byte(body), &features) != nil || len(features) == 0 {
		t.Fatalf("features of %s: %d %s", model, status, body)
	}
	return features[0].Name
}

// demoModels asks the models resource, as the query editor does.
func demoModels(t *testing.T, d *Datasource) []modelInfo {
	t.Helper()
	status, body := callResource(t, d, "models", "models")
	var models []modelInfo
	if status != 200 || json.Unmarshal([]byte(body), &models) != nil || len(models) == 0 {
		t.Fatalf("models: %d %s", status, body)
	}
	return models
}
