package main

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
	"unsafe"

	"github.com/aiperf/monitor/pkg/engine"
)

// rowReader streams the benchmark CSV (written by gen_data.py) into
// engine.Rows without keeping any row: one line buffer, reused Row slices and
// interned category strings.
type rowReader struct {
	in       *bufio.Reader
	line     int
	numCol   []int // CSV column of each schema numeric feature
	catCol   []int // CSV column of each schema categorical feature
	scoreCol int
	labelCol int
	fields   [][]byte
	interned map[string]string
}

func newRowReader(r io.Reader, schema engine.Schema) (*rowReader, error) {
	in := bufio.NewReaderSize(r, 1<<20)
	header, err := in.ReadString('\n')
	if err != nil {
		return nil, fmt.Errorf("read CSV header: %w", err)
	}
	col := map[string]int{}
	for i, name := range strings.Split(strings.TrimSpace(header), ",") {
		col[name] = i
	}
	find := func(name string) (int, error) {
		i, ok := col[name]
		if !ok {
			return 0, fmt.Errorf("CSV header has no column %q: regenerate the data with gen_data.py", name)
		}
		return i, nil
	}
	rr := &rowReader{in: in, line: 1, interned: map[string]string{}, fields: make([][]byte, 0, len(col))}
	for _, name := range schema.Numeric {
		i, err := find(name)
		if err != nil {
			return nil, err
		}
		rr.numCol = append(rr.numCol, i)
	}
	for _, name := range schema.Categorical {
		i, err := find(name)
		if err != nil {
			return nil, err
		}
		rr.catCol = append(rr.catCol, i)
	}
	if rr.scoreCol, err = find("score"); err != nil {
		return nil, err
	}
	if rr.labelCol, err = find("label"); err != nil {
		return nil, err
	}
	return rr, nil
}

// next fills row with the next line; false at the end of the file.
func (rr *rowReader) next(row *engine.Row) (bool, error) {
	line, err := rr.in.ReadSlice('\n')
	if err == io.EOF && len(line) == 0 {
		return false, nil
	}
	if err != nil && err != io.EOF {
		return false, fmt.Errorf("read CSV line %d: %w", rr.line+1, err)
	}
	rr.line++
	rr.fields = rr.fields[:0]
	for rest := bytes.TrimRight(line, "\r\n"); ; {
		i := bytes.IndexByte(rest, ',')
		if i < 0 {
			rr.fields = append(rr.fields, rest)
			break
		}
		rr.fields = append(rr.fields, rest[:i])
		rest = rest[i+1:]
	}
	for k, c := range rr.numCol {
		if row.Num[k], err = rr.float(c); err != nil {
			return false, err
		}
	}
	for k, c := range rr.catCol {
		row.Cat[k] = rr.intern(rr.fields[c])
	}
	if row.Score, err = rr.float(rr.scoreCol); err != nil {
		return false, err
	}
	if row.Label, err = rr.float(rr.labelCol); err != nil {
		return false, err
	}
	row.Labeled = true
	return true, nil
}

func (rr *rowReader) float(c int) (float64, error) {
	if c >= len(rr.fields) {
		return 0, fmt.Errorf("CSV line %d has %d fields, want more than %d", rr.line, len(rr.fields), c)
	}
	f := rr.fields[c]
	if len(f) == 0 {
		return engine.Missing, nil
	}
	// the bytes live only until the next read, and ParseFloat keeps nothing
	v, err := strconv.ParseFloat(unsafe.String(&f[0], len(f)), 64)
	if err != nil {
		return 0, fmt.Errorf("CSV line %d column %d: %w", rr.line, c+1, err)
	}
	return v, nil
}

func (rr *rowReader) intern(b []byte) string {
	if s, ok := rr.interned[string(b)]; ok {
		return s
	}
	s := string(b)
	rr.interned[s] = s
	return s
}

// rowFile is a rowReader over an open file.
type rowFile struct {
	f      *os.File
	r      *rowReader
	schema engine.Schema
}

func openRows(path string, schema engine.Schema) (*rowFile, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("open %s (generate it with tests/bench/run.sh): %w", path, err)
	}
	r, err := newRowReader(f, schema)
	if err != nil {
		f.Close()
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return &rowFile{f: f, r: r, schema: schema}, nil
}

func (rf *rowFile) close() { rf.f.Close() }

func (rf *rowFile) newRow() engine.Row {
	return engine.Row{Num: make([]float64, len(rf.schema.Numeric)), Cat: make([]string, len(rf.schema.Categorical))}
}

// take reads up to n rows into memory.
func (rf *rowFile) take(n int) ([]engine.Row, error) {
	rows := make([]engine.Row, 0, n)
	for len(rows) < n {
		row := rf.newRow()
		ok, err := rf.r.next(&row)
		if err != nil {
			return nil, err
		}
		if !ok {
			break
		}
		rows = append(rows, row)
	}
	return rows, nil
}

// stream passes every remaining row to add, reusing one Row.
func (rf *rowFile) stream(add func(*engine.Row)) (int64, error) {
	row := rf.newRow()
	var n int64
	for {
		ok, err := rf.r.next(&row)
		if err != nil || !ok {
			return n, err
		}
		add(&row)
		n++
	}
}
