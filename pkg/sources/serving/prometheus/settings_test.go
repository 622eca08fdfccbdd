package prometheus

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/aiperf/monitor/pkg/sources/serving/runtimes"
)

func TestSettingsNameTheFieldAndTheFix(t *testing.T) {
	cases := []struct{ settings, want string }{
		{`{"url":""}`, "serving.url: is empty"},
		{`{"url":"http://u:p@prom:9090"}`, "serving.url: carries credentials"},
		{`{"url":"http://prom:9090","auth":"basic","basicAuthUser":"g"}`, "serving.basicAuthPassword: is not set while auth is basic"},
		{`{"url":"http://prom:9090","auth":"token"}`, "serving.auth: must be none, basic or bearer"},
		{`{"url":"http://prom:9090","runtime":"dcgm"}`, "serving.runtime: is not a serving runtime"},
		{`{"url":"http://prom:9090","models":[{"id":"llama","runtime":"tgi"}]}`, "serving.models[0].selector: Text Generation Inference labels no model"},
		{`{"url":"http://prom:9090","models":[{"id":"x","selector":"job=\"a\"} or vector(1) #"}]}`, "serving.models[0].selector: is not a list of label matchers"},
		{`{"url":"http://prom:9090","models":[{"id":"x","selector":"pod=~\"(\""}]}`, "invalid regular expression"},
		{`{"url":"http://prom:9090","customQueries":[{"series":"p95","expr":"x"}]}`, "serving.customQueries[0].series: must be one of"},
		{`{"url":"http://prom:9090","timeoutSeconds":900}`, "serving.timeoutSeconds: must be between 1 and 300"},
	}
	for _, c := range cases {
		_, err := ParseSettings("serving", json.RawMessage(c.settings), map[string]string{})
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: got %v, want %q", c.settings, err, c.want)
		}
	}
}

func TestLabelValuesAreEscapedIntoSelectors(t *testing.T) {
	ms, err := parseMatchers(`job="tgi", pod=~'llama-.*', team!="a\"b"`)
	if err != nil {
		t.Fatal(err)
	}
	if got := joinMatchers(ms); got != `job="tgi",pod=~"llama-.*",team!="a\"b"` {
		t.Fatalf("matchers written back as %s", got)
	}
	mc, errs := validateModel("m", ModelSettings{ID: "iris", Name: `iris"} or up{x="`})
	if len(errs) != 0 {
		t.Fatal(errs)
	}
	ml, _ := runtimes.ByName("mlserver")
	rt := scopeOf(mc, ml)
	if got := joinMatchers(rt.scoped); got != `model="iris\"} or up{x=\""` {
		t.Fatalf("a model name with quotes must stay one label value, got %s", got)
	}
}
