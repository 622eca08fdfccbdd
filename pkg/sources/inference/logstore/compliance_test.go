package logstore

import (
	"strings"
	"testing"
	"time"

	"github.com/aiperf/monitor/pkg/sources"
)

func overlappingWindows(t *testing.T) *Intervals {
	t.Helper()
	at := func(h int) time.Time { return time.Date(2026, 11, 1, h, 0, 0, 0, time.UTC) }
	// Intervals 1 [0h,1h), 2 [1h,2h), 3 [2h,3h); the windows share interval 2,
	// and the last window covers nothing.
	iv, err := NewIntervals([]sources.Window{{From: at(0), To: at(2)}, {From: at(1), To: at(3)}, {From: at(3), To: at(3)}})
	if err != nil {
		t.Fatal(err)
	}
	return iv
}

func TestVersionsByWindowSumsTheIntervalsEachWindowCovers(t *testing.T) {
	iv := overlappingWindows(t)
	perInterval := []map[string]int64{nil, {"v2": 5, "v1": 1}, {"v2": 10}, nil}
	got := VersionsByWindow(iv, perInterval)
	want := [][]sources.VersionUse{
		{{Version: "v1", Predictions: 1}, {Version: "v2", Predictions: 15}},
		{{Version: "v2", Predictions: 10}},
		{},
	}
	if len(got) != len(want) {
		t.Fatalf("%d windows, want %d", len(got), len(want))
	}
	for i := range want {
		if got[i] == nil || len(got[i]) != len(want[i]) {
			t.Fatalf("window %d: %v, want %v (an empty window is an empty list, not null)", i, got[i], want[i])
		}
		for j := range want[i] {
			if got[i][j] != want[i][j] {
				t.Fatalf("window %d: %v, want %v", i, got[i], want[i])
			}
		}
	}
}

func TestAuditByWindowSumsTheIntervalsEachWindowCovers(t *testing.T) {
	iv := overlappingWindows(t)
	perInterval := []sources.AuditCounts{{}, {Predictions: 4, Complete: 3, MissingInputs: 1}, {Predictions: 6, Complete: 4, MissingRequestID: 1, MissingVersion: 1}, {}}
	got := AuditByWindow(iv, perInterval)
	want := []sources.AuditCounts{
		{Predictions: 10, Complete: 7, MissingInputs: 1, MissingRequestID: 1, MissingVersion: 1},
		{Predictions: 6, Complete: 4, MissingRequestID: 1, MissingVersion: 1},
		{},
	}
	for i := range want {
		if got[i] != want[i] {
			t.Fatalf("window %d: %+v, want %+v", i, got[i], want[i])
		}
	}
}

func TestNeedsNamesTheFirstUnmappedSetting(t *testing.T) {
	m := Mapping{VersionColumn: "release"}
	if err := m.Needs("jsonData.inference", "audit-trail coverage", "versionColumn"); err != nil {
		t.Fatalf("a mapped column is not needed: %v", err)
	}
	err := m.Needs("jsonData.inference", "audit-trail coverage", "versionColumn", "requestIdColumn")
	if err == nil || !strings.Contains(err.Error(), "jsonData.inference.requestIdColumn") || !strings.Contains(err.Error(), "audit-trail coverage") {
		t.Fatalf("want the unmapped requestIdColumn named with what it measures, got %v", err)
	}
}

func TestPresentSplitsTheMappedColumns(t *testing.T) {
	m := Mapping{TimeColumn: "ts", ModelColumn: "model", LabelColumn: "outcome", Features: []FeatureMapping{{Column: "income", Kind: KindNumeric}}}
	present, missing := m.Present([]Column{{Name: "income", Class: ClassFloat}, {Name: "ts", Class: ClassTime}, {Name: "model", Class: ClassText}, {Name: "unmapped", Class: ClassText}})
	var names []string
	for _, c := range present {
		names = append(names, c.Name)
	}
	if strings.Join(names, ",") != "ts,model,income" || strings.Join(missing, ",") != "outcome" {
		t.Fatalf("present %v, missing %v: want ts,model,income in mapping order and outcome missing", names, missing)
	}
	if present[2].Class != ClassFloat {
		t.Fatalf("a present column keeps the table's description: %+v", present[2])
	}
}
