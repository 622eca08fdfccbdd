package alerting

import (
	"bytes"
	"flag"
	"os"
	"testing"
)

var update = flag.Bool("update", false, "rewrite provisioning/alerting/rules.yaml and docs/alerts.md from the health rules")

// generated are the committed files this package writes.
var generated = map[string]func() ([]byte, error){
	"../../provisioning/alerting/rules.yaml": func() ([]byte, error) { return RulesYAML(DemoDatasourceUID) },
	"../../docs/alerts.md":                   Runbook,
}

// The provisioned rules and their runbook are the engine's health rules:
// a change to either side without regenerating fails here.
func TestProvisionedFilesAreUpToDate(t *testing.T) {
	for path, render := range generated {
		want, err := render()
		if err != nil {
			t.Fatal(err)
		}
		if *update {
			if err := os.WriteFile(path, want, 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		got, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got, want) {
			t.Errorf("%s is not what the health rules generate: run go test ./pkg/alerting -run TestProvisionedFilesAreUpToDate -update", path)
		}
	}
}
