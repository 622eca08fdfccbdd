// Package registry tests the MLflow registry connector against a real
// MLflow tracking server (with its basic-auth app) through the data
// source's own entry points. run.sh starts and seeds the server; run
// alone, the tests skip.
package registry

import (
	"context"
	"encoding/json"
	"net"
	"net/http"
	"os"
	"os/exec"
	"strings"
	"testing"
	"time"

	"github.com/grafana/grafana-plugin-sdk-go/backend"
	"github.com/grafana/grafana-plugin-sdk-go/data"

	"github.com/aiperf/monitor/pkg/catalog"
	"github.com/aiperf/monitor/pkg/monitor"
	"github.com/aiperf/monitor/pkg/plugin"
	"github.com/aiperf/monitor/pkg/query"
	"github.com/aiperf/monitor/pkg/sources"
	"github.com/aiperf/monitor/pkg/sources/demo"
	"github.com/aiperf/monitor/pkg/sources/registry/mlflow"
)

type env struct {
	url, user, password, canary, seed string
}

func setup(t *testing.T) env {
	e := env{os.Getenv("AIPERF_IT_MLFLOW"), os.Getenv("AIPERF_IT_MLFLOW_USER"), os.Getenv("AIPERF_IT_MLFLOW_PASSWORD"), os.Getenv("AIPERF_IT_CANARY"), os.Getenv("AIPERF_IT_SEED")}
	if e.url == "" || e.canary == "" {
		t.Skip("needs the MLflow server that tests/integration/registry/run.sh starts and seeds")
	}
	return e
}

// datasource opens the data source with the registry section and secrets given.
func datasource(t *testing.T, registry map[string]any, secrets map[string]string, declared []map[string]any) *plugin.Datasource {
	t.Helper()
	jsonData, _ := json.Marshal(map[string]any{"demoEnabled": false, "registry": registry, "models": declared})
	secure := map[string]string{}
	for k, v := range secrets {
		secure["registry."+k] = v
	}
	inst, err := plugin.NewDatasource(t.Context(), backend.DataSourceInstanceSettings{UID: "it", JSONData: jsonData, DecryptedSecureJSONData: secure})
	if err != nil {
		t.Fatal(err)
	}
	return inst.(*plugin.Datasource)
}

func (e env) registry() map[string]any {
	return map[string]any{"connector": "mlflow", "url": e.url, "versionTag": "version"}
}

func (e env) login() map[string]string {
	return map[string]string{"username": e.user, "password": e.password}
}

func resource(t *testing.T, d *plugin.Datasource, path string) (int, string) {
	t.Helper()
	var got *backend.CallResourceResponse
	err := d.CallResource(t.Context(), &backend.CallResourceRequest{Method: http.MethodGet, Path: path, URL: path},
		backend.CallResourceResponseSenderFunc(func(r *backend.CallResourceResponse) error { got = r; return nil }))
	if err != nil || got == nil {
		t.Fatalf("%s: %v", path, err)
	}
	return got.Status, string(got.Body)
}

func queryFrames(t *testing.T, d *plugin.Datasource, queryType string) (data.Frames, error) {
	t.Helper()
	body, _ := json.Marshal(map[string]any{"queryType": queryType})
	now := time.Now()
	resp, err := d.QueryData(t.Context(), &backend.QueryDataRequest{Queries: []backend.DataQuery{{
		RefID: "A", QueryType: queryType, JSON: body, Interval: time.Hour, TimeRange: backend.TimeRange{From: now.Add(-24 * time.Hour), To: now}}}})
	if err != nil {
		t.Fatal(err)
	}
	return resp.Responses["A"].Frames, resp.Responses["A"].Error
}

func column(t *testing.T, f *data.Frame, name string) []string {
	t.Helper()
	field, _ := f.FieldByName(name)
	if field == nil {
		t.Fatalf("frame %s has no field %s", f.Name, name)
	}
	out := make([]string, field.Len())
	for i := range out {
		out[i], _ = field.At(i).(string)
	}
	return out
}

func TestInventoryFromMLflowMergedWithDeclaredFacts(t *testing.T) {
	e := setup(t)
	declared := []map[string]any{{"id": demo.RiskAssessment, "owner": "Model Risk Office", "retentionDays": 1000}}
	d := datasource(t, e.registry(), e.login(), declared)

	health, err := d.CheckHealth(t.Context(), &backend.CheckHealthRequest{})
	if err != nil || health.Status != backend.HealthStatusOk || !strings.Contains(health.Message, "5 registered models") {
		t.Fatalf("health: %v %+v", err, health)
	}

	status, body := resource(t, d, "models")
	var models []struct{ ID, Name, Origin string }
	if status != 200 || json.Unmarshal([]byte(body), &models) != nil || len(models) != 5 {
		t.Fatalf("models: %d %s", status, body)
	}
	for _, m := range models {
		want := string(catalog.OriginRegistry)
		if m.ID == demo.RiskAssessment {
			want = string(catalog.OriginBoth)
		}
		if m.Origin != want {
			t.Errorf("%s origin %q, want %q", m.ID, m.Origin, want)
		}
	}

	frames, err := queryFrames(t, d, "inventory")
	if err != nil {
		t.Fatal(err)
	}
	f := frames[0]
	ids, owners, risks, versions, purposes, filled := column(t, f, "model"), column(t, f, "owner"), column(t, f, "riskClass"), column(t, f, "version"), column(t, f, "intendedPurpose"), column(t, f, "fromRegistry")
	row := map[string]int{}
	for i, id := range ids {
		row[id] = i
	}
	for _, spec := range demo.Models() {
		i, ok := row[spec.ID]
		if !ok {
			t.Errorf("MLflow's inventory lacks %s (%v)", spec.ID, ids)
			continue
		}
		wantOwner := spec.Owner
		if spec.ID == demo.RiskAssessment {
			wantOwner = "Model Risk Office" // declared wins
		}
		if owners[i] != wantOwner || risks[i] != spec.RiskClass || versions[i] != spec.Version || purposes[i] != spec.IntendedPurpose {
			t.Errorf("%s: owner %q risk %q version %q purpose %q; want %q %q %q %q", spec.ID, owners[i], risks[i], versions[i], purposes[i], wantOwner, spec.RiskClass, spec.Version, spec.IntendedPurpose)
		}
	}
	risk := filled[row[demo.RiskAssessment]]
	if strings.Contains(risk, "owner") || strings.Contains(risk, "retentionDays") || !strings.Contains(risk, "riskClass") || !strings.Contains(risk, "intendedPurpose") {
		t.Errorf("risk-assessment took %q from the registry: the declared owner and retention win, the rest comes from MLflow", risk)
	}
	if v := column(t, f, "auditMeasuredBy")[row[demo.RiskAssessment]]; v != "" {
		t.Errorf("audit coverage measured by %q: no connection measures it here, so it must be undefined", v)
	}
}

// openRegistry opens the connector the way the plugin does.
func openRegistry(t *testing.T, e env) *mlflow.Registry {
	t.Helper()
	raw, _ := json.Marshal(e.registry())
	r, err := mlflow.Open("registry", raw, e.login())
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// versionsRow answers configurationDrift for Recommendation AI over the
// last half hour, with the demo fleet standing in for the serving side
// (it serves 3.2.0 since its release three days ago) and MLflow as the
// registry; it returns the versions table's production version and the
// share of predictions served off it.
func versionsRow(t *testing.T, e env) (string, *float64) {
	t.Helper()
	reg := openRegistry(t, e)
	registered, err := reg.Models(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	cat := catalog.Catalog{}.WithRegistry(registered)
	fleet := demo.New(demo.Options{})
	conns := sources.Connections{Inference: fleet, Serving: fleet, Registry: reg}
	conns.Meters.Adopt(fleet, "Demo fleet (serving stand-in)")
	now := time.Now()
	rng, err := monitor.NewRange(now.Add(-30*time.Minute), now, now)
	if err != nil {
		t.Fatal(err)
	}
	frames, err := monitor.Answer(t.Context(), &monitor.Request{
		Query: query.Query{QueryType: query.QueryTypeConfigDrift, Model: demo.RecommendationAI}, Range: rng, Interval: time.Minute, Catalog: &cat, Conns: conns,
	})
	if err != nil {
		t.Fatal(err)
	}
	table := frames[1]
	off, _ := table.FieldByName("offRegistry")
	return column(t, table, "productionVersion")[0], off.At(0).(*float64)
}

func moveAlias(t *testing.T, e env, version string) {
	t.Helper()
	args := strings.Fields(e.seed)
	out, err := exec.Command(args[0], append(args[1:], "move-alias", "Recommendation AI", version)...).CombinedOutput()
	if err != nil {
		t.Fatalf("moving the alias with MLflow's client: %v\n%s", err, out)
	}
}

func TestConfigurationDriftWhenTheAliasMoves(t *testing.T) {
	e := setup(t)
	production, off := versionsRow(t, e)
	if production != "3.2.0" || off == nil || *off != 0 {
		t.Fatalf("champion on 3.2.0, serving 3.2.0: production %q, off-registry share %v; want 3.2.0 and 0", production, off)
	}
	moveAlias(t, e, "3.1.0")
	t.Cleanup(func() { moveAlias(t, e, "3.2.0") })
	production, off = versionsRow(t, e)
	if production != "3.1.0" || off == nil || *off != 1 {
		t.Errorf("champion moved to 3.1.0, serving 3.2.0: production %q, off-registry share %v; want 3.1.0 and 1", production, off)
	}
}

func TestWrongURLCredentialsAndUnreachableServer(t *testing.T) {
	e := setup(t)
	closed := func() string {
		l, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			t.Fatal(err)
		}
		defer l.Close()
		return "http://" + l.Addr().String()
	}()
	cases := []struct {
		name     string
		url      string
		secrets  map[string]string
		wantText string
	}{
		{"wrong password", e.url, map[string]string{"username": e.user, "password": e.canary}, "refused the credentials (HTTP 401)"},
		{"wrong user", e.url, map[string]string{"username": e.canary, "password": e.canary}, "refused the credentials (HTTP 401)"},
		{"token on a basic-auth server", e.url, map[string]string{"token": e.canary}, "refused the credentials (HTTP 401)"},
		{"no credentials", e.url, nil, "requires authentication (HTTP 401)"},
		{"wrong URL", e.url + "/not-mlflow", e.login(), "no MLflow REST API at"},
		{"unreachable", closed, map[string]string{"username": e.canary, "password": e.canary}, "could not be reached"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			reg := e.registry()
			reg["url"] = c.url
			d := datasource(t, reg, c.secrets, nil)
			ctx, cancel := context.WithTimeout(t.Context(), 30*time.Second)
			defer cancel()
			health, err := d.CheckHealth(ctx, &backend.CheckHealthRequest{})
			if err != nil || health.Status != backend.HealthStatusError || !strings.Contains(health.Message, c.wantText) {
				t.Errorf("health: %v %q, want an error saying %q", err, health.Message, c.wantText)
			}
			status, body := resource(t, d, "models")
			_, qerr := queryFrames(t, d, "inventory")
			for what, text := range map[string]string{"health": health.Message, "models resource": body, "query error": errText(qerr)} {
				if strings.Contains(text, e.canary) {
					t.Errorf("the %s shows the canary secret: %s", what, text)
				}
			}
			t.Logf("models resource: %d %s; health: %s", status, body, health.Message)
		})
	}
}

func errText(err error) string {
	if err == nil {
		return ""
	}
	return err.Error()
}
