//go:build race

package plugin

// raceSlowdown widens timing limits under the race detector, which makes
// everything several times slower.
const raceSlowdown = 5
