package plugin

import (
	"encoding/json"
	"os"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"

	"github.com/aiperf/monitor/pkg/sources/inference/logstore"
	"github.com/aiperf/monitor/pkg/sources/inference/postgres"
)

// The PostgreSQL data source docker-compose provisions maps exactly the
// table the seeder creates, so every seeded model reads back; its password
// comes from the environment, never from the file.
func TestProvisionedPostgresDataSourceMapsTheSeededTable(t *testing.T) {
	raw, err := os.ReadFile("../../provisioning/datasources/store.yaml")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(string(raw), "# needs docker compose:") {
		t.Error("store.yaml reads a docker-compose service: its first line must say so, for scripts/grafana.sh")
	}
	var file struct {
		Datasources []struct {
			UID            string            `yaml:"uid"`
			JSONData       map[string]any    `yaml:"jsonData"`
			SecureJSONData map[string]string `yaml:"secureJsonData"`
		} `yaml:"datasources"`
	}
	if err := yaml.Unmarshal(raw, &file); err != nil || len(file.Datasources) != 1 {
		t.Fatalf("store.yaml: %v %+v", err, file)
	}
	ds := file.Datasources[0]
	if got := ds.SecureJSONData["inference.password"]; got != "$AIPERF_POSTGRES_PASSWORD" {
		t.Errorf("inference.password is %q: it must come from the environment docker-compose sets", got)
	}
	jsonData, _ := json.Marshal(ds.JSONData)
	d := newDatasource(t.Context(), settingsFrom(string(jsonData), map[string]string{"inference.password": "canary"}), fixedNow)
	if d.settingsErr != nil {
		t.Fatal(d.settingsErr)
	}
	var inference *RoleConfig
	for i, r := range d.settings.Roles {
		if r.Role == RoleInference {
			inference = &d.settings.Roles[i]
		}
	}
	if inference == nil || inference.Connector != "postgres" {
		t.Fatalf("roles %+v: the inference role should use the postgres connector", d.settings.Roles)
	}
	s, _, err := postgres.ParseSettings(inference.Options, inference.Field, inference.Secrets)
	if err != nil {
		t.Fatal(err)
	}
	got, _ := json.Marshal(s.Mapping)
	want, _ := json.Marshal(logstore.DemoMapping("predictions"))
	if string(got) != string(want) {
		t.Errorf("the provisioned mapping differs from the seeded table's:\n got %s\nwant %s", got, want)
	}
}
