package query

import (
	"encoding/json"
	"os"
	"regexp"
	"strings"
	"testing"
)

func TestParseValidQuery(t *testing.T) {
	q, err := Parse(json.RawMessage(`{"refId":"A","queryType":"latency","model":"risk-assessment"}`), "latency")
	if err != nil {
		t.Fatalf("unexpected error: %v", err)
	}
	if q.QueryType != QueryTypeLatency || q.Model != "risk-assessment" || q.RefID != "A" {
		t.Fatalf("parsed %+v", q)
	}
}

func TestParseTakesTheRequestQueryTypeWhenTheJSONHasNone(t *testing.T) {
	q, err := Parse(json.RawMessage(`{"refId":"A"}`), "fleetHealth")
	if err != nil || q.QueryType != QueryTypeFleetHealth {
		t.Fatalf("got %+v, %v", q, err)
	}
}

func TestParseErrorsNameTheField(t *testing.T) {
	cases := map[string]string{
		`{"queryType":"nope"}`:                               "queryType \"nope\" is unknown",
		`{"queryType":""}`:                                   "queryType is empty",
		`{"queryType":"quality"}`:                            "model is empty",
		`{"queryType":"driftDistribution","model":"m"}`:      "feature is empty",
		`{"queryType":"drift","model":"m","method":"magic"}`: "method \"magic\" is unknown",
		`{"queryType":"cost","groupBy":"team"}`:              "groupBy \"team\" is unknown",
		`{"queryType":`:                                      "not valid JSON",
	}
	for raw, want := range cases {
		_, err := Parse(json.RawMessage(raw), "")
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%s: got %v, want an error containing %q", raw, err, want)
		}
	}
}

// The TypeScript enum and the Go constants must stay one to one.
func TestQueryTypesMirrorTheTypeScriptEnum(t *testing.T) {
	src, err := os.ReadFile("../../src/datasource/types.ts")
	if err != nil {
		t.Fatal(err)
	}
	enum := regexp.MustCompile(`(?s)export enum QueryType \{(.*?)\}`).FindSubmatch(src)
	if enum == nil {
		t.Fatal("QueryType enum not found in types.ts")
	}
	values := regexp.MustCompile(`= '([A-Za-z]+)'`).FindAllSubmatch(enum[1], -1)
	if len(values) != len(Types) {
		t.Fatalf("TypeScript has %d query types, Go has %d", len(values), len(Types))
	}
	for i, v := range values {
		if string(v[1]) != string(Types[i].Value) {
			t.Errorf("position %d: TypeScript %q, Go %q", i, v[1], Types[i].Value)
		}
	}
}

func TestMeasuresQueryNamesAKnownMeasure(t *testing.T) {
	if _, err := Parse(json.RawMessage(`{"queryType":"measures","measure":"latency"}`), ""); err != nil {
		t.Fatalf("a fleet-wide measures query is valid: %v", err)
	}
	for raw, want := range map[string]string{
		`{"queryType":"measures"}`:                 "measure is empty: the Alert measures query needs one of qualityDrop",
		`{"queryType":"measures","measure":"p95"}`: "measure \"p95\" is unknown: use one of qualityDrop",
	} {
		if _, err := Parse(json.RawMessage(raw), ""); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%s: got %v, want %q", raw, err, want)
		}
	}
}
