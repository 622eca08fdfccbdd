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
	labels := map[string]bool{}
	for _, c := range d.checks {
		if c.err != nil {
			t.Errorf("%s: %v", c.label, c.err)
		}
		labels[c.label] = true
	}
	if !labels["Model registry (mlflow)"] || d.conns.Registry == nil {
		t.Fatalf("checks %+v: the mlflow connector should open", d.checks)
	}
	// The demo's prediction logs measure the versions the page compares with MLflow's alias.
	if d.conns.Meters.Versions == nil || d.conns.Meters.By["versions"] != "Inference logs (demo)" {
		t.Errorf("meters %+v: the demo inference connector reports the served versions", d.conns.Meters.By)
	}
}
