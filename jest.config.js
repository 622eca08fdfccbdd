// force timezone to UTC to allow tests to work regardless of local timezone
// generally used by snapshots, but can affect specific tests
process.env.TZ = 'UTC';

const base = require('./.config/jest.config');
const { grafanaESModules, nodeModulesToTransform } = require('./.config/jest/utils');

module.exports = {
  // Jest configuration provided by Grafana scaffolding
  ...base,
  // d3-color 3.1 ships only .mjs, which the scaffold's transform pattern does not cover.
  transform: { ...base.transform, '^.+\\.mjs$': base.transform['^.+\\.(t|j)sx?$'] },
  // @grafana/plugin-ui's ES build pulls in editors jest cannot load; its CommonJS build is the same API.
  moduleNameMapper: {
    ...base.moduleNameMapper,
    '^@grafana/plugin-ui$': '<rootDir>/node_modules/@grafana/plugin-ui/dist/cjs/index.cjs',
  },
  // ...which requires this ES-only package.
  transformIgnorePatterns: [nodeModulesToTransform([...grafanaESModules, '@marcbachmann/cel-js'])],
  // The slowest test takes ~1.5 s on a 2-core machine at load 14; 15 s leaves room for worse.
  testTimeout: 15_000,
};
