package catalog

import "time"

// RegistryFacts is what a model registry knows about a model beyond the
// declared fields: its versions, which one production points at, its tags.
type RegistryFacts struct {
	Registry string // the connector, e.g. "mlflow"
	Link     string // the model's page in the registry's UI, when it has one
	// ProductionVersion is the version production points at (an alias such
	// as champion, or the Production stage where stages are still used); ""
	// when nothing marks one.
	ProductionVersion string
	ProductionBy      string    // how it is marked: `alias "champion"` or `stage "Production"`
	ProductionSince   time.Time // when that version was registered: the registry keeps no alias history before it
	Versions          []RegistryVersion
	Tags              map[string]string
}

// RegistryVersion is one registered version of a model.
type RegistryVersion struct {
	Version     string // as the catalog names versions (a tag's value, or the registry's number)
	Number      string // the registry's own version id
	Created     time.Time
	Stage       string // "" where stages are not used
	Aliases     []string
	Status      string
	RunID       string
	Description string
}
