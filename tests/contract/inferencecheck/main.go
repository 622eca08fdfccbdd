// Command inferencecheck runs the backend's validation of the inference
// settings (pkg/sources/inference/postgres and clickhouse) on a JSON array
// of inference sections read from stdin and prints, for each, the fields it
// rejects below "inference." (e.g. "features[0].column") and their problems.
// src/datasource/config/inferenceContract.test.ts compares the settings
// page's validation with it, so the two cannot disagree on what is wrong.
package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"strings"

	"github.com/aiperf/monitor/pkg/catalog"
	"github.com/aiperf/monitor/pkg/sources/inference/clickhouse"
	"github.com/aiperf/monitor/pkg/sources/inference/postgres"
)

type fieldError struct {
	Field   string `json:"field"`
	Problem string `json:"problem"`
}

const field = "inference"

func main() {
	var sections []json.RawMessage
	if err := json.NewDecoder(os.Stdin).Decode(&sections); err != nil {
		fmt.Fprintln(os.Stderr, "inferencecheck: stdin is not a JSON array of inference sections:", err)
		os.Exit(2)
	}
	out := make([][]fieldError, len(sections))
	for i, raw := range sections {
		var head struct{ Connector string }
		if err := json.Unmarshal(raw, &head); err != nil {
			fmt.Fprintf(os.Stderr, "inferencecheck: section %d: %v\n", i, err)
			os.Exit(2)
		}
		var err error
		switch head.Connector {
		case "postgres":
			_, _, err = postgres.ParseSettings(raw, field, nil)
		case "clickhouse":
			_, err = clickhouse.Open(raw, field, nil)
		default:
			fmt.Fprintf(os.Stderr, "inferencecheck: section %d: connector %q is not a store\n", i, head.Connector)
			os.Exit(2)
		}
		out[i] = fieldErrors(err)
	}
	if err := json.NewEncoder(os.Stdout).Encode(out); err != nil {
		fmt.Fprintln(os.Stderr, "inferencecheck:", err)
		os.Exit(1)
	}
}

// fieldErrors lists the field errors err joins, fields relative to the section.
func fieldErrors(err error) []fieldError {
	out := []fieldError{}
	var walk func(error)
	walk = func(e error) {
		if e == nil {
			return
		}
		if joined, ok := e.(interface{ Unwrap() []error }); ok {
			for _, inner := range joined.Unwrap() {
				walk(inner)
			}
			return
		}
		var fe catalog.FieldError
		if errors.As(e, &fe) {
			out = append(out, fieldError{strings.TrimPrefix(fe.Field, field+"."), fe.Problem})
			return
		}
		out = append(out, fieldError{"", e.Error()})
	}
	walk(err)
	return out
}
