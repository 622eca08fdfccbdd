package main

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/aiperf/monitor/pkg/sources/demo"
	"github.com/aiperf/monitor/pkg/sources/inference/clickhouse"
)

// clickhouseInsertBatch is how many rows one INSERT carries.
const clickhouseInsertBatch = 200_000

// writeClickHouseWide creates the wide table, ordered by model and time,
// and inserts the rows over HTTP in RowBinary (floats bit for bit).
func writeClickHouseWide(ctx context.Context, fleet *demo.Fleet, o options) error {
	u, err := url.Parse(o.dsn)
	if err != nil || u.Host == "" || (u.Scheme != "http" && u.Scheme != "https") {
		return fmt.Errorf("--dsn must look like http://user:password@localhost:8123/database")
	}
	user, password := u.User.Username(), ""
	if p, ok := u.User.Password(); ok {
		password = p
	}
	database := strings.TrimPrefix(u.Path, "/")
	if database == "" {
		database = "default"
	}
	run := func(sql string, body []byte) error {
		q := url.Values{"database": {database}, "query": {sql}}
		req, err := http.NewRequestWithContext(ctx, http.MethodPost, u.Scheme+"://"+u.Host+"/?"+q.Encode(), bytes.NewReader(body))
		if err != nil {
			return err
		}
		req.SetBasicAuth(user, password)
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			return fmt.Errorf("ClickHouse: %w", err)
		}
		defer resp.Body.Close()
		msg, _ := io.ReadAll(io.LimitReader(resp.Body, 4096))
		if resp.StatusCode != http.StatusOK {
			return fmt.Errorf("ClickHouse: %s", bytes.TrimSpace(msg))
		}
		return nil
	}
	cols := wideColumns()
	var defs []string
	for _, c := range cols {
		typ := [...]string{wideTime: "DateTime", wideText: "Nullable(String)", wideFloat: "Nullable(Float64)"}[c.kind]
		if c.name == "model_id" {
			typ = "String"
		}
		defs = append(defs, "`"+c.name+"` "+typ)
	}
	table := "`" + strings.ReplaceAll(o.table, "`", "") + "`"
	if err := run(fmt.Sprintf("CREATE TABLE %s (%s) ENGINE = MergeTree ORDER BY (model_id, ts)", table, strings.Join(defs, ", ")), nil); err != nil {
		return err
	}
	var buf bytes.Buffer
	var total, pending int64
	flush := func() error {
		if pending == 0 {
			return nil
		}
		err := run("INSERT INTO "+table+" FORMAT RowBinary", buf.Bytes())
		buf.Reset()
		total, pending = total+pending, 0
		return err
	}
	from, to := wideRange(o)
	err = wideRows(ctx, fleet, from, to, time.Second, func(record []any) error {
		for i, v := range record {
			clickhouse.WriteValue(&buf, v, cols[i].kind != wideTime && cols[i].name != "model_id")
		}
		if pending++; pending == clickhouseInsertBatch {
			return flush()
		}
		return nil
	})
	if err == nil {
		err = flush()
	}
	if err != nil {
		return err
	}
	fmt.Printf("aiperf-seed: wrote %d rows of %s with %d features (%s to %s) to table %s\n", total, wideModel, wideFeatures, from.Format(time.DateOnly), to.Format(time.RFC3339), o.table)
	return nil
}
