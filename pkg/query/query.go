package query

import (
	"encoding/json"
	"fmt"
	"strings"

	"github.com/aiperf/monitor/pkg/fault"
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
	GroupBy   string   `json:"groupBy,omitempty"`
	// Reference chooses the group fairness disparities compare with: best
	// (default), largest, or a group named in ReferenceGroup.
	Reference      string `json:"reference,omitempty"`
	ReferenceGroup string `json:"referenceGroup,omitempty"`
	// Measure is what the measures query returns (Measures).
	Measure string `json:"measure,omitempty"`
	// Check and Outcome filter the evidence register ("all" or empty: no filter).
	Check   string `json:"check,omitempty"`
	Outcome string `json:"outcome,omitempty"`
}

// EvidenceChecks are the kinds of check the evidence register records
// (pkg/monitor EvidenceChecks), EvidenceOutcomes their outcomes.
var (
	EvidenceChecks   = []string{"drift", "quality", "estimatedQuality", "fairness", "dataQuality", "availability", "latency", "errorRate", "configuration"}
	EvidenceOutcomes = []string{"pass", "fail", "not measured"}
)

// FilterAll is the check or outcome filter that keeps every row.
const FilterAll = "all"

// Drift methods accepted in `method`; empty means auto.
var driftMethods = []string{"auto", "psi", "ks", "wasserstein", "js", "js2", "chisquare", "ztest", "tvd"}

// Cost groupings accepted in `groupBy`; empty means category.
const (
	CostGroupByCategory = "category"
	CostGroupByModel    = "model"
	CostGroupByProvider = "provider"
)

var costGroupings = []string{CostGroupByCategory, CostGroupByModel, CostGroupByProvider}

// Fairness reference modes accepted in `reference`; empty means best.
const (
	ReferenceBest    = "best"
	ReferenceLargest = "largest"
	ReferenceNamed   = "named"
)

var referenceModes = []string{ReferenceBest, ReferenceLargest, ReferenceNamed}

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
		return fmt.Errorf("queryType %s is unknown: choose one of %s", fault.Echo(string(q.QueryType)), typeNames())
	}
	if info.NeedsModel && strings.TrimSpace(q.Model) == "" {
		return fmt.Errorf("model is empty: the %s query needs a model; choose one in the query editor", info.Label)
	}
	if info.NeedsFeature && strings.TrimSpace(q.Feature) == "" {
		return fmt.Errorf("feature is empty: the %s query needs a feature; choose one in the query editor", info.Label)
	}
	if q.Method != "" && !contains(driftMethods, q.Method) {
		return fmt.Errorf("method %s is unknown: use one of %s", fault.Echo(q.Method), strings.Join(driftMethods, ", "))
	}
	if q.GroupBy != "" && !contains(costGroupings, q.GroupBy) {
		return fmt.Errorf("groupBy %s is unknown: use one of %s", fault.Echo(q.GroupBy), strings.Join(costGroupings, ", "))
	}
	if q.Reference != "" && !contains(referenceModes, q.Reference) {
		return fmt.Errorf("reference %s is unknown: use one of %s", fault.Echo(q.Reference), strings.Join(referenceModes, ", "))
	}
	if err := q.validateMeasure(); err != nil {
		return err
	}
	if q.Check != "" && q.Check != FilterAll && !contains(EvidenceChecks, q.Check) {
		return fmt.Errorf("check %s is unknown: use all or one of %s", fault.Echo(q.Check), strings.Join(EvidenceChecks, ", "))
	}
	if q.Outcome != "" && q.Outcome != FilterAll && !contains(EvidenceOutcomes, q.Outcome) {
		return fmt.Errorf("outcome %s is unknown: use all or one of %s", fault.Echo(q.Outcome), strings.Join(EvidenceOutcomes, ", "))
	}
	if (q.Reference == ReferenceNamed) != (q.ReferenceGroup != "") {
		return fmt.Errorf("referenceGroup names the group to compare with and goes with reference %q only: set both or neither", ReferenceNamed)
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
