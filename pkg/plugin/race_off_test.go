//go:build !race

package plugin

// raceSlowdown widens timing limits under the race detector only.
const raceSlowdown = 1
