package demo

import (
	"strconv"
	"time"

	"github.com/aiperf/monitor/pkg/catalog"
)

// releasedVersion is one registered version of a demo model and when it
// was registered, relative to the anchor.
type releasedVersion struct {
	version    string
	registered time.Duration // before the anchor
}

// Registered versions, oldest first; the last is the one in production.
// recommendation-ai's 3.2.0 is the release behind its latency regression:
// registered and made champion releaseRegisteredLead before its rollout
// began, and rolled out over latencyRollout, replacing 3.1.0.
var versionHistory = map[string][]releasedVersion{
	RiskAssessment:      {{"4.1.0", 520 * oneDay}, {"4.2.1", 430 * oneDay}},
	FraudDetection:      {{"6.4.2", 600 * oneDay}, {"7.0.3", 410 * oneDay}},
	RecommendationAI:    {{"3.0.2", 500 * oneDay}, {"3.1.0", 420 * oneDay}, {"3.2.0", latencyLead + releaseRegisteredLead}},
	CustomerAIAssistant: {{"2.4.1", 450 * oneDay}, {"2.5.0", 405 * oneDay}},
	DemandForecast:      {{"1.8.4", 440 * oneDay}},
}

const releaseRegisteredLead = 6 * time.Hour

// ProductionAlias is the alias marking the demo's production versions.
// Demand Forecast still uses the deprecated Production stage instead.
const ProductionAlias = "champion"

// registryFacts is what the demo's registry says of a model's versions.
func registryFacts(p *profile, anchor time.Time) *catalog.RegistryFacts {
	history := versionHistory[p.spec.ID]
	facts := &catalog.RegistryFacts{Registry: "demo", Tags: map[string]string{"owner": p.spec.Owner, "risk_class": p.spec.RiskClass}}
	for i := len(history) - 1; i >= 0; i-- {
		v := catalog.RegistryVersion{
			Version: history[i].version, Number: strconv.Itoa(i + 1), Created: anchor.Add(-history[i].registered), Status: "READY",
		}
		switch {
		case i < len(history)-1:
			v.Stage = "Archived"
		case p.spec.ID == DemandForecast:
			v.Stage = "Production"
			facts.ProductionBy = `stage "Production"`
		default:
			v.Aliases = []string{ProductionAlias}
			facts.ProductionBy = `alias "` + ProductionAlias + `"`
		}
		facts.Versions = append(facts.Versions, v)
	}
	facts.ProductionVersion, facts.ProductionSince = facts.Versions[0].Version, facts.Versions[0].Created
	return facts
}

// servingShares splits the predictions made at t between the model's
// versions: all to the production version, except during and before
// recommendation-ai's rollout.
func servingShares(p *profile, t, anchor time.Time) []versionShare {
	history := versionHistory[p.spec.ID]
	current := history[len(history)-1].version
	if p.spec.ID != RecommendationAI {
		return []versionShare{{current, 1}}
	}
	previous := history[len(history)-2].version
	f := ramp(t, latencyOnset(anchor), latencyRollout)
	return []versionShare{{previous, 1 - f}, {current, f}}
}

// versionShare is the share of a moment's predictions one version made.
type versionShare struct {
	version string
	share   float64
}
