package mlflow

import (
	"context"
	"fmt"
	"net/url"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/aiperf/monitor/pkg/catalog"
	"github.com/aiperf/monitor/pkg/fault"
)

// Page sizes and caps: they bound what one catalog read may cost.
const (
	modelsPerPage   = 1000 // MLflow's maximum for registered-models/search
	versionsPerPage = 1000
	maxModels       = 5000
	maxVersions     = 50000
)

// productionStage is the deprecated stage that marked production before aliases.
const productionStage = "Production"

// Models reads every registered model and its versions, following the
// pages, and returns them as catalog models.
func (r *Registry) Models(ctx context.Context) ([]catalog.Model, error) {
	models, err := r.registeredModels(ctx)
	if err != nil {
		return nil, err
	}
	versions, err := r.versions(ctx)
	if err != nil {
		return nil, err
	}
	out := make([]catalog.Model, 0, len(models))
	ids := map[string]string{}
	for _, m := range models {
		id := idOf(m.Name)
		if other, taken := ids[id]; taken {
			return nil, fault.Userf("MLflow models %s and %s both become catalog id %s: rename one, or declare the one you monitor in the Models section", fault.Echo(other), fault.Echo(m.Name), fault.Echo(id))
		}
		if id == "" {
			continue // nothing of the name fits an id: it cannot be queried
		}
		ids[id] = m.Name
		out = append(out, r.catalogModel(id, m, versions[m.Name]))
	}
	return out, nil
}

// registeredModels follows registered-models/search to its last page.
func (r *Registry) registeredModels(ctx context.Context) ([]registeredModel, error) {
	var all []registeredModel
	token := ""
	for {
		q := url.Values{"max_results": {strconv.Itoa(modelsPerPage)}}
		if token != "" {
			q.Set("page_token", token)
		}
		var page searchModelsResponse
		if err := r.client.get(ctx, "registered-models/search", q, &page); err != nil {
			return nil, err
		}
		all = append(all, page.RegisteredModels...)
		if len(all) > maxModels {
			return nil, fault.Userf("the MLflow registry holds more than %d registered models: monitor a smaller registry or declare the models in the Models section", maxModels)
		}
		if page.NextPageToken == "" || page.NextPageToken == token {
			return all, nil
		}
		token = page.NextPageToken
	}
}

// versions follows model-versions/search over the whole registry (one
// paged listing instead of one call per model), grouped by model name.
func (r *Registry) versions(ctx context.Context) (map[string][]modelVersion, error) {
	out := map[string][]modelVersion{}
	token, n := "", 0
	for {
		q := url.Values{"max_results": {strconv.Itoa(versionsPerPage)}}
		if token != "" {
			q.Set("page_token", token)
		}
		var page searchVersionsResponse
		if err := r.client.get(ctx, "model-versions/search", q, &page); err != nil {
			return nil, err
		}
		for _, v := range page.ModelVersions {
			out[v.Name] = append(out[v.Name], v)
		}
		if n += len(page.ModelVersions); n > maxVersions {
			return nil, fault.Userf("the MLflow registry holds more than %d model versions: archive or delete old versions", maxVersions)
		}
		if page.NextPageToken == "" || page.NextPageToken == token {
			return out, nil
		}
		token = page.NextPageToken
	}
}

// catalogModel turns a registered model and its versions into the catalog's
// facts: tags for the declared fields, the production version for Version.
func (r *Registry) catalogModel(id string, m registeredModel, versions []modelVersion) catalog.Model {
	if len(versions) == 0 {
		versions = m.LatestVersions
	}
	// Newest first, by MLflow's version number.
	slices.SortFunc(versions, func(a, b modelVersion) int { return versionNumber(b.Version) - versionNumber(a.Version) })
	aliases := map[string][]string{}
	for _, a := range m.Aliases {
		aliases[a.Version] = append(aliases[a.Version], a.Alias)
	}
	tags := tagMap(m.Tags)
	facts := &catalog.RegistryFacts{Registry: "mlflow", Link: r.settings.URL + "/#/models/" + url.PathEscape(m.Name), Tags: tags}
	var production *catalog.RegistryVersion
	for _, v := range versions {
		rv := catalog.RegistryVersion{
			Version: r.versionName(v), Number: v.Version, Created: millis(v.CreationTimestamp), Stage: stageOf(v.CurrentStage),
			Aliases: union(aliases[v.Version], v.Aliases), Status: v.Status, RunID: v.RunID, Description: v.Description,
		}
		facts.Versions = append(facts.Versions, rv)
	}
	for i, v := range facts.Versions {
		if slices.Contains(v.Aliases, r.settings.ProductionAlias) {
			production, facts.ProductionBy = &facts.Versions[i], fmt.Sprintf("alias %q", r.settings.ProductionAlias)
			break
		}
	}
	if production == nil {
		for i, v := range facts.Versions {
			if v.Stage == productionStage {
				production, facts.ProductionBy = &facts.Versions[i], fmt.Sprintf("stage %q", productionStage)
				break
			}
		}
	}
	if production != nil {
		facts.ProductionVersion, facts.ProductionSince = production.Version, production.Created
	}
	k := r.settings.TagKeys
	return catalog.Model{
		ID: id, Name: m.Name, Owner: tags[k.Owner], RiskClass: strings.ToLower(tags[k.RiskClass]), Version: facts.ProductionVersion,
		Task: strings.ToLower(tags[k.Task]), PrimaryMetric: tags[k.PrimaryMetric], IntendedPurpose: tags[k.IntendedPurpose],
		Description: m.Description, Registry: facts,
	}
}

// versionName is the version as the catalog and serving name it: the
// configured version tag's value, else MLflow's number.
func (r *Registry) versionName(v modelVersion) string {
	if r.settings.VersionTag != "" {
		if name := tagMap(v.Tags)[r.settings.VersionTag]; name != "" {
			return name
		}
	}
	return v.Version
}

var notID = regexp.MustCompile(`[^a-z0-9._-]+`)

// idOf makes a catalog id of a registered model's name: lowercase, other
// characters as '-', at most 63 characters ("Risk Assessment" → risk-assessment).
func idOf(name string) string {
	id := strings.Trim(notID.ReplaceAllString(strings.ToLower(name), "-"), "-._")
	if len(id) > 63 {
		id = strings.TrimRight(id[:63], "-._")
	}
	return id
}

func versionNumber(v string) int {
	n, _ := strconv.Atoi(v)
	return n
}

func stageOf(s string) string {
	if s == "None" {
		return ""
	}
	return s
}

func millis(ms int64) time.Time {
	if ms <= 0 {
		return time.Time{}
	}
	return time.UnixMilli(ms).UTC()
}

func union(a, b []string) []string {
	out := slices.Clone(a)
	for _, s := range b {
		if !slices.Contains(out, s) {
			out = append(out, s)
		}
	}
	slices.Sort(out)
	return out
}
