package plugin

import (
	"os"
	"testing"

	"github.com/grafana/grafana-plugin-sdk-go/experimental"

	"github.com/aiperf/monitor/pkg/query"
)

// goldenDir holds one response per query type on the provisioned demo. The
// TypeScript panel and page tests read these files, so the frames the
// backend returns and the frames the browser expects cannot drift apart.
// Regenerate with UPDATE_GOLDEN=1 go test ./pkg/plugin -run TestGoldenFrames.
const goldenDir = "testdata/golden"

// goldenModels picks, per query type, the demo model whose frames show the most.
var goldenModels = map[query.Type]string{
	query.QueryTypeLatency: "recommendation-ai", query.QueryTypeThroughput: "recommendation-ai", query.QueryTypeErrorRate: "recommendation-ai",
	query.QueryTypeQuality: "risk-assessment", query.QueryTypeConfusionMatrix: "risk-assessment", query.QueryTypeReliability: "risk-assessment",
	query.QueryTypeDrift: "risk-assessment", query.QueryTypeDriftTrend: "risk-assessment", query.QueryTypeDriftDistribution: "risk-assessment",
	query.QueryTypeFairness: "risk-assessment", query.QueryTypeFairnessTrend: "risk-assessment", query.QueryTypeDataQuality: "risk-assessment",
	query.QueryTypeConfigDrift: "recommendation-ai", query.QueryTypeEvidence: "risk-assessment",
	query.QueryTypeAvailability: "recommendation-ai", query.QueryTypeTokens: "customer-ai-assistant", query.QueryTypeTimeToFirstToken: "customer-ai-assistant",
	query.QueryTypeTimePerOutputToken: "customer-ai-assistant", query.QueryTypeKVCache: "customer-ai-assistant",
}

func TestGoldenFrames(t *testing.T) {
	d := newProvisionedDemo(t)
	update := os.Getenv("UPDATE_GOLDEN") == "1"
	for _, info := range query.Types {
		t.Run(string(info.Value), func(t *testing.T) {
			body := map[string]any{"queryType": string(info.Value)}
			if m, ok := goldenModels[info.Value]; ok {
				body["model"] = m
			}
			if info.NeedsFeature {
				body["feature"] = "credit_utilization"
			}
			if info.Value == query.QueryTypeMeasures {
				body["measure"] = "fairness"
			}
			r := run(t, d, dataQuery("A", body, 7*day, day)).Responses["A"]
			if r.Error != nil {
				t.Fatal(r.Error)
			}
			experimental.CheckGoldenJSONResponse(t, goldenDir, string(info.Value), &r, update)
		})
	}
}
