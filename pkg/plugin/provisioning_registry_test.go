package plugin

import (
	"encoding/json"
	"os"
	"testing"

	"gopkg.in/yaml.v3"
)

// The MLflow registry data source docker-compose provisions opens its
// connector from the provisioned settings: only the server is missing here.
func TestProvisionedRegistryDataSourceOpens(t *testing.T) {
	raw, err := os.ReadFile("../../provisioning/datasources/registry.yaml")
	if err != nil {
		t.Fatal(err)
	}
	var file struct {
		Datasources []struct {
			UID      string         `yaml:"uid"`
			JSONData map[string]any `yaml:"jsonData"`
		} `yaml:"datasources"`
	}
	if err := yaml.Unmarshal(raw, &file); err != nil || len(file.Datasources) != 1 {
		t.Fatalf("registry.yaml: %v %+v", err, file)
	}
	jsonData, _ := json.Marshal(file.Datasources[0].JSONData)
	d := newDatasource(t.Context(), settingsFrom(string(jsonData), nil), fixedNow)
	if d.settingsErr != nil {
		t.Fatal(d.settingsErr)
	}
	if len(d.checks) != 1 || d.checks[0].err != nil || d.checks[0].label != "Model registry (mlflow)" || d.conns.Registry == nil {
		t.Fatalf("checks %+v: the mlflow connector should open", d.checks)
	}
}
