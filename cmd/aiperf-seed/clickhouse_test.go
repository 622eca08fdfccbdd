package main

import (
	"strings"
	"testing"
)

func TestClickHouseTargetFlags(t *testing.T) {
	for args, want := range map[string]string{
		"--target clickhouse": "--dsn is empty",
		"--target clickhouse --dsn postgres://u:canary@h:5432/db":                             "http(s)://user:password@host:port/database",
		"--target clickhouse --dsn http://u:canary@127.0.0.1:1/db --days 1 --rows-per-day 24": "127.0.0.1:1",
	} {
		err := run(strings.Fields(args))
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%s: %v, want %q", args, err, want)
		}
		if err != nil && strings.Contains(err.Error(), "canary") {
			t.Errorf("%s: the error repeats the password: %v", args, err)
		}
	}
}
