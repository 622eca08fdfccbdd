package plugin

import (
	"strings"
	"testing"
)

// The settings editor's column list and preview say why the store could
// not be opened, naming the setting, rather than asking for a store that
// is already chosen; without a store they say to choose one.
func TestInferenceResourcesSayWhyThereIsNoTable(t *testing.T) {
	broken := `{"demoEnabled": false, "inference": {"connector": "postgres", "url": "127.0.0.1:1", "database": "ml", "user": "reader",
		"tlsMode": "verify-full", "table": "predictions", "timeColumn": "ts", "modelColumn": "model_id", "scoreColumn": "score"}}`
	d := newDatasource(t.Context(), settingsFrom(broken, map[string]string{"inference.tlsCACert": "not a certificate", "inference.password": "canary"}), fixedNow)
	if d.settingsErr != nil {
		t.Fatal(d.settingsErr)
	}
	for _, path := range []string{"inference/columns", "inference/preview"} {
		status, body := callResource(t, d, path, path)
		if status != 400 || !strings.Contains(body, "inference.tlsMode") || !strings.Contains(body, "CA certificate is not PEM") || strings.Contains(body, "canary") {
			t.Errorf("%s: %d %s, want the opening error naming inference.tlsMode", path, status, body)
		}
	}
	demo := newDatasource(t.Context(), settingsFrom(`{"demoEnabled": false, "inference": {"connector": "demo"}}`, nil), fixedNow)
	if status, body := callResource(t, demo, "inference/columns", "inference/columns"); status != 400 || !strings.Contains(body, "choose postgres or clickhouse") {
		t.Errorf("demo: %d %s", status, body)
	}
}
