package query

import (
	"encoding/json"
	"fmt"
	"strings"
)

// Query is one query of a request, in the shape the browser sends.
type Query struct {
	RefID     string   `json:"refId"`
	QueryType Type     `json:"queryType"`
	Model     string   `json:"model,omitempty"`
	Feature   string   `json:"feature,omitempty"`
	Attribute string   `json:"attribute,omitempty"`
	Metrics   []string `json:"metrics,omitempty"`
	Method    string   `json:"method,omitempty"`
	Source    string   `json:"source,omitempty"`
	GroupBy   string   `json:"groupBy,omitempty"`
}

// Drift methods accepted in `method`; empty means auto.
var driftMethods = []string{"auto", "psi", "ks", "wasserstein", "js", "js2", "chisquare", "ztest", "tvd"}

// Cost groupings accepted in `groupBy`; empty means category.
var costGroupings = []string{"category", "model"}

// Parse decodes a query's JSON and validates it. The query type comes from
// Grafana's request (it is also in the JSON) so both must agree when both are set.
func Parse(raw json.RawMessage, queryType string) (Query, error) {
	var q Query
	if err := json.Unmarshal(raw, &q); err != nil {
		return Query{}, fmt.Errorf("the query is not valid JSON (%v): re-create it in the query editor", err)
	}
	if q.QueryType == "" {
		q.QueryType = Type(queryType)
	}
	return q, q.Validate()
}

// Validate checks the fields the query type needs, naming the field and the fix.
func (q Query) Validate() error {
	info, ok := Lookup(q.QueryType)
	if !ok {
		if q.QueryType == "" {
			return fmt.Errorf("queryType is empty: choose a query type in the query editor")
		}
		return fmt.Errorf("queryType %q is unknown: choose one of %s", q.QueryType, typeNames())
	}
	if info.NeedsModel && strings.TrimSpace(q.Model) == "" {
		return fmt.Errorf("model is empty: the %s query needs a model; choose one in the query editor", info.Label)
	}
	if info.NeedsFeature && strings.TrimSpace(q.Feature) == "" {
		return fmt.Errorf("feature is empty: the %s query needs a feature; choose one in the query editor", info.Label)
	}
	if q.Method != "" && !contains(driftMethods, q.Method) {
		return fmt.Errorf("method %q is unknown: use one of %s", q.Method, strings.Join(driftMethods, ", "))
	}
	if q.GroupBy != "" && !contains(costGroupings, q.GroupBy) {
		return fmt.Errorf("groupBy %q is unknown: use one of %s", q.GroupBy, strings.Join(costGroupings, ", "))
	}
	return nil
}

func typeNames() string {
	names := make([]string, len(Types))
	for i, t := range Types {
		names[i] = string(t.Value)
	}
	return strings.Join(names, ", ")
}

func contains(list []string, v string) bool {
	for _, item := range list {
		if item == v {
			return true
		}
	}
	return false
}
