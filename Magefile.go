//go:build mage
// +build mage

package main

import (
	// mage:import
	build "github.com/grafana/grafana-plugin-sdk-go/build"
	"github.com/magefile/mage/mg"
)

// Default builds the data source backend for every platform Grafana runs on.
var Default = BuildPlatforms

// BuildPlatforms builds linux amd64/arm64, darwin amd64/arm64 and windows
// amd64. The app has no backend of its own, so the SDK finds the executable
// named in src/datasource/plugin.json and writes it to dist/datasource/.
func BuildPlatforms() {
	b := build.Build{}
	mg.Deps(b.Linux, b.LinuxARM64, b.Darwin, b.DarwinARM64, b.Windows)
}
