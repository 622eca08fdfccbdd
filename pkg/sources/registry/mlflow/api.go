package mlflow

// The REST API 2.0 shapes the connector reads (mlflow/protos/model_registry.proto).
// int64 fields are JSON numbers; empty fields are omitted.

type tag struct {
	Key   string `json:"key"`
	Value string `json:"value"`
}

type alias struct {
	Alias   string `json:"alias"`
	Version string `json:"version"`
}

type registeredModel struct {
	Name                 string         `json:"name"`
	CreationTimestamp    int64          `json:"creation_timestamp"`
	LastUpdatedTimestamp int64          `json:"last_updated_timestamp"`
	Description          string         `json:"description"`
	LatestVersions       []modelVersion `json:"latest_versions"`
	Tags                 []tag          `json:"tags"`
	Aliases              []alias        `json:"aliases"`
}

type modelVersion struct {
	Name              string   `json:"name"`
	Version           string   `json:"version"`
	CreationTimestamp int64    `json:"creation_timestamp"`
	CurrentStage      string   `json:"current_stage"`
	Description       string   `json:"description"`
	RunID             string   `json:"run_id"`
	Status            string   `json:"status"`
	Tags              []tag    `json:"tags"`
	Aliases           []string `json:"aliases"`
}

type searchModelsResponse struct {
	RegisteredModels []registeredModel `json:"registered_models"`
	NextPageToken    string            `json:"next_page_token"`
}

type searchVersionsResponse struct {
	ModelVersions []modelVersion `json:"model_versions"`
	NextPageToken string         `json:"next_page_token"`
}

func tagMap(tags []tag) map[string]string {
	out := make(map[string]string, len(tags))
	for _, t := range tags {
		out[t.Key] = t.Value
	}
	return out
}
