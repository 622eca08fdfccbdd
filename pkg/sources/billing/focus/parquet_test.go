package focus

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/aiperf/monitor/pkg/sources"
)

// pyarrowDir is where tests/billing/pyarrow-focus.sh has pyarrow write the
// fixture as Parquet; the test command runs that script.
const pyarrowDir = "FOCUS_PYARROW_DIR"

// Parquet written by pyarrow (decimal costs and microsecond timestamps; and
// float costs, millisecond timestamps, map tags, gzipped) reads back as
// exactly the records of the CSV it was written from.
func TestParquetWrittenByPyarrow(t *testing.T) {
	dir := os.Getenv(pyarrowDir)
	if dir == "" {
		t.Skip("run by tests/billing/pyarrow-focus.sh, which writes the Parquet files with pyarrow")
	}
	want, err := open(t, map[string]any{"location": "testdata/charges.csv"}, nil).DailyCosts(t.Context(), nov1, dec1)
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"decimal.parquet", "map-tags.parquet.gz"} {
		t.Run(name, func(t *testing.T) {
			got, err := open(t, map[string]any{"location": filepath.Join(dir, name), "format": "parquet"}, nil).DailyCosts(t.Context(), nov1, dec1)
			if err != nil {
				t.Fatal(err)
			}
			if len(got) != len(want) {
				t.Fatalf("%d records, the CSV has %d", len(got), len(want))
			}
			for i := range want {
				if !sameRecord(got[i], want[i]) {
					t.Errorf("record %d: %+v, the CSV has %+v", i, got[i], want[i])
				}
			}
			if tot := totals(got); tot["USD"] != "133.543567" || tot["EUR"] != "10.5" {
				t.Errorf("totals %v", tot)
			}
		})
	}
}

func sameRecord(a, b sources.CostRecord) bool {
	same := a.Amount.Equal(b.Amount)
	a.Amount = b.Amount
	return same && a == b
}
