// Command catalogcheck runs the backend's catalog validator (pkg/catalog) on a JSON
// array of catalogs read from stdin and prints, for each, the fields it rejects.
// src/datasource/config/validateCatalog.test.ts compares the settings page's
// validation with it, so the two cannot disagree.
package main

import (
	"encoding/json"
	"fmt"
	"os"

	"github.com/aiperf/monitor/pkg/catalog"
)

type fieldError struct {
	Field   string `json:"field"`
	Problem string `json:"problem"`
}

func main() {
	var catalogs []catalog.Catalog
	if err := json.NewDecoder(os.Stdin).Decode(&catalogs); err != nil {
		fmt.Fprintln(os.Stderr, "catalogcheck: stdin is not a JSON array of catalogs:", err)
		os.Exit(2)
	}
	out := make([][]fieldError, len(catalogs))
	for i := range catalogs {
		out[i] = []fieldError{}
		for _, e := range catalogs[i].Validate() {
			out[i] = append(out[i], fieldError{e.Field, e.Problem})
		}
	}
	if err := json.NewEncoder(os.Stdout).Encode(out); err != nil {
		fmt.Fprintln(os.Stderr, "catalogcheck:", err)
		os.Exit(1)
	}
}
