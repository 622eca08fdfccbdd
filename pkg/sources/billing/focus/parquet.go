package focus

import (
	"context"
	"errors"
	"fmt"
	"io"
	"math/big"
	"os"
	"strconv"
	"time"

	"github.com/parquet-go/parquet-go"
	"github.com/parquet-go/parquet-go/format"
)

// parquetTable is a FOCUS export in a Parquet file. Parquet needs random
// access, so a download or a gzipped file is first copied to a temporary
// file, removed when the rows are closed.
type parquetTable struct{ loc location }

var _ snapshot = parquetTable{}

func (t parquetTable) Describe() string { return "FOCUS Parquet " + t.loc.String() }

func (t parquetTable) version(ctx context.Context) (string, error) { return t.loc.version(ctx) }

func (t parquetTable) Rows(ctx context.Context, _, _ time.Time) (Rows, error) {
	f, cleanup, err := t.localCopy(ctx)
	if err != nil {
		return nil, err
	}
	info, err := f.Stat()
	if err != nil {
		cleanup()
		return nil, err
	}
	pf, err := parquet.OpenFile(f, info.Size())
	if err != nil {
		cleanup()
		return nil, fmt.Errorf("the FOCUS export %s is not a readable Parquet file (%v): check the feed's format", t.loc, err)
	}
	rows, err := newParquetRows(pf, cleanup)
	if err != nil {
		cleanup()
		return nil, fmt.Errorf("the FOCUS export %s: %w", t.loc, err)
	}
	return rows, nil
}

// localCopy is the file to read: the local file itself when it is plain
// Parquet, else a temporary copy of the (decompressed) bytes.
func (t parquetTable) localCopy(ctx context.Context) (*os.File, func(), error) {
	if t.loc.url == nil {
		f, err := os.Open(t.loc.raw)
		if err != nil {
			return nil, nil, t.loc.openError(err)
		}
		magic := make([]byte, 4)
		if _, err := io.ReadFull(f, magic); err == nil && string(magic) == "PAR1" {
			return f, func() { f.Close() }, nil
		}
		f.Close()
	}
	body, err := t.loc.open(ctx)
	if err != nil {
		return nil, nil, err
	}
	defer body.Close()
	tmp, err := os.CreateTemp("", "aiperf-focus-*.parquet")
	if err != nil {
		return nil, nil, err
	}
	cleanup := func() { tmp.Close(); os.Remove(tmp.Name()) }
	if _, err := io.Copy(tmp, contextReader{ctx, body}); err != nil {
		cleanup()
		return nil, nil, fmt.Errorf("reading the FOCUS export %s: %w", t.loc, err)
	}
	return tmp, cleanup, nil
}

// contextReader stops a copy when the query is cancelled.
type contextReader struct {
	ctx context.Context
	r   io.Reader
}

func (c contextReader) Read(p []byte) (int, error) {
	if err := c.ctx.Err(); err != nil {
		return 0, err
	}
	return c.r.Read(p)
}

// parquetRows turns a Parquet file's rows into text cells, one per
// top-level column: strings as they are, decimals exactly, timestamps in
// RFC 3339, doubles in their shortest exact form, and a map column (Tags
// as many writers store it) as a JSON object.
type parquetRows struct {
	file    *parquet.File
	cleanup func()
	columns []string
	leaves  []leaf // per leaf column index
	groups  []parquet.RowGroup
	group   int
	reader  parquet.Rows
	buf     []parquet.Row
	cells   []string
	keys    [][]string // per map column, its keys in order
	values  [][]string // and their values
}

// leaf is how one leaf column becomes text.
type leaf struct {
	top     int  // the top-level column it belongs to
	mapKey  bool // key or value of a map column
	mapVal  bool
	decimal *format.DecimalType
	stamp   *format.TimestampType
	date    bool
}

func newParquetRows(f *parquet.File, cleanup func()) (*parquetRows, error) {
	p := &parquetRows{file: f, cleanup: cleanup, groups: f.RowGroups(), buf: make([]parquet.Row, 1)}
	top := map[string]int{}
	for _, path := range f.Schema().Columns() {
		col, ok := f.Schema().Lookup(path...)
		if !ok {
			return nil, fmt.Errorf("column %v has no schema", path)
		}
		i, seen := top[path[0]]
		if !seen {
			i = len(p.columns)
			top[path[0]] = i
			p.columns = append(p.columns, path[0])
		}
		l := leaf{top: i}
		if len(path) > 1 {
			switch path[len(path)-1] {
			case "key":
				l.mapKey = true
			case "value":
				l.mapVal = true
			default:
				return nil, fmt.Errorf("nested column %v is not a FOCUS column", path)
			}
		}
		if lt := col.Node.Type().LogicalType(); lt != nil {
			switch v := lt.Value.(type) {
			case *format.DecimalType:
				l.decimal = v
			case *format.TimestampType:
				l.stamp = v
			case *format.DateType:
				l.date = true
			}
		}
		for len(p.leaves) <= col.ColumnIndex {
			p.leaves = append(p.leaves, leaf{})
		}
		p.leaves[col.ColumnIndex] = l
	}
	p.cells = make([]string, len(p.columns))
	p.keys, p.values = make([][]string, len(p.columns)), make([][]string, len(p.columns))
	return p, nil
}

func (p *parquetRows) Columns() []string { return p.columns }

func (p *parquetRows) Next() ([]string, error) {
	for {
		if p.reader == nil {
			if p.group >= len(p.groups) {
				return nil, io.EOF
			}
			p.reader = p.groups[p.group].Rows()
			p.group++
		}
		n, err := p.reader.ReadRows(p.buf)
		if n == 1 {
			return p.cellsOf(p.buf[0])
		}
		if err != nil && !errors.Is(err, io.EOF) {
			return nil, fmt.Errorf("reading Parquet rows: %w", err)
		}
		p.reader.Close()
		p.reader = nil
	}
}

func (p *parquetRows) cellsOf(row parquet.Row) ([]string, error) {
	for i := range p.cells {
		p.cells[i], p.keys[i], p.values[i] = "", p.keys[i][:0], p.values[i][:0]
	}
	// A map's keys come as one run of values and its values as the next,
	// entry by entry: the n-th key goes with the n-th value.
	for _, v := range row {
		l := p.leaves[v.Column()]
		if v.IsNull() {
			if l.mapVal {
				p.values[l.top] = append(p.values[l.top], "")
			}
			continue
		}
		text, err := l.text(v)
		if err != nil {
			return nil, fmt.Errorf("column %s: %w", p.columns[l.top], err)
		}
		switch {
		case l.mapKey:
			p.keys[l.top] = append(p.keys[l.top], text)
		case l.mapVal:
			p.values[l.top] = append(p.values[l.top], text)
		default:
			p.cells[l.top] = text
		}
	}
	for i, keys := range p.keys {
		if len(keys) == 0 {
			continue
		}
		m := make(map[string]string, len(keys))
		for n, k := range keys {
			if n < len(p.values[i]) {
				m[k] = p.values[i][n]
			}
		}
		p.cells[i] = tagsJSON(m)
	}
	return p.cells, nil
}

// text is one value as FOCUS text.
func (l leaf) text(v parquet.Value) (string, error) {
	switch {
	case l.decimal != nil:
		return decimalText(v, l.decimal.Scale), nil
	case l.stamp != nil:
		unit := time.Millisecond
		switch l.stamp.Unit.Value.(type) {
		case *format.MicroSeconds:
			unit = time.Microsecond
		case *format.NanoSeconds:
			unit = time.Nanosecond
		}
		return time.Unix(0, 0).Add(time.Duration(v.Int64()) * unit).UTC().Format(time.RFC3339Nano), nil
	case l.date:
		return time.Unix(int64(v.Int32())*86400, 0).UTC().Format(time.RFC3339), nil
	}
	switch v.Kind() {
	case parquet.ByteArray, parquet.FixedLenByteArray:
		return string(v.ByteArray()), nil
	case parquet.Double:
		return strconv.FormatFloat(v.Double(), 'f', -1, 64), nil
	case parquet.Float:
		return strconv.FormatFloat(float64(v.Float()), 'f', -1, 32), nil
	case parquet.Int32:
		return strconv.FormatInt(int64(v.Int32()), 10), nil
	case parquet.Int64:
		return strconv.FormatInt(v.Int64(), 10), nil
	case parquet.Boolean:
		return strconv.FormatBool(v.Boolean()), nil
	}
	return "", fmt.Errorf("values of kind %s are not read", v.Kind())
}

// decimalText writes an unscaled Parquet decimal exactly.
func decimalText(v parquet.Value, scale int32) string {
	unscaled := new(big.Int)
	switch v.Kind() {
	case parquet.Int32:
		unscaled.SetInt64(int64(v.Int32()))
	case parquet.Int64:
		unscaled.SetInt64(v.Int64())
	default: // big-endian two's complement
		b := v.ByteArray()
		unscaled.SetBytes(b)
		if len(b) > 0 && b[0]&0x80 != 0 {
			unscaled.Sub(unscaled, new(big.Int).Lsh(big.NewInt(1), uint(len(b))*8))
		}
	}
	r := new(big.Rat).SetFrac(unscaled, new(big.Int).Exp(big.NewInt(10), big.NewInt(int64(scale)), nil))
	return r.FloatString(int(scale))
}

func (p *parquetRows) Close() error {
	if p.reader != nil {
		p.reader.Close()
	}
	p.cleanup()
	return nil
}
