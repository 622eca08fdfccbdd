package clickhouse

import (
	"encoding/binary"
	"errors"
	"fmt"
	"math"
)

// rowBinary reads ClickHouse's RowBinary format: little-endian numbers,
// strings as a varint length and the bytes. Floats arrive bit for bit.
type rowBinary struct {
	b   []byte
	err error
}

var errShort = errors.New("the answer ends in the middle of a row")

func (r *rowBinary) more() bool { return r.err == nil && len(r.b) > 0 }

func (r *rowBinary) take(n int) []byte {
	if r.err != nil {
		return nil
	}
	if len(r.b) < n {
		r.err = errShort
		return nil
	}
	out := r.b[:n]
	r.b = r.b[n:]
	return out
}

func (r *rowBinary) uint8() uint8 {
	if b := r.take(1); b != nil {
		return b[0]
	}
	return 0
}

func (r *rowBinary) int32() int32 {
	if b := r.take(4); b != nil {
		return int32(binary.LittleEndian.Uint32(b))
	}
	return 0
}

func (r *rowBinary) uint64() uint64 {
	if b := r.take(8); b != nil {
		return binary.LittleEndian.Uint64(b)
	}
	return 0
}

func (r *rowBinary) int64() int64 { return int64(r.uint64()) }

func (r *rowBinary) float64() float64 { return math.Float64frombits(r.uint64()) }

func (r *rowBinary) string() string {
	if r.err != nil {
		return ""
	}
	n, k := binary.Uvarint(r.b)
	if k <= 0 || uint64(len(r.b)-k) < n {
		r.err = errShort
		return ""
	}
	s := string(r.b[k : k+int(n)])
	r.b = r.b[k+int(n):]
	return s
}

// floats reads an Array(Float64).
func (r *rowBinary) floats() []float64 {
	n, k := binary.Uvarint(r.b)
	if k <= 0 || n > uint64(len(r.b)) {
		r.err = fmt.Errorf("a bad array length: %w", errShort)
		return nil
	}
	r.b = r.b[k:]
	out := make([]float64, n)
	for i := range out {
		out[i] = r.float64()
	}
	return out
}
