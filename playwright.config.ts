import type { PluginOptions } from '@grafana/plugin-e2e';
import { defineConfig, devices } from '@playwright/test';
import { existsSync } from 'node:fs';
import { dirname } from 'node:path';

const pluginE2eAuth = `${dirname(require.resolve('@grafana/plugin-e2e'))}/auth`;

// Debian's Chromium (scripts/install-chromium.sh) where Playwright's own browsers cannot be downloaded.
const chromium = process.env.CHROMIUM_PATH ?? (existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined);

/**
 * End-to-end specs against a running Grafana (GRAFANA_URL; scripts/test.sh starts one).
 * Sized for a busy 2-core machine: one worker, no retries, generous timeouts.
 */
export default defineConfig<PluginOptions>({
  testDir: './tests',
  testMatch: /.*\.spec\.ts/,
  fullyParallel: false,
  workers: 1,
  retries: 0,
  forbidOnly: !!process.env.CI,
  timeout: 180_000,
  expect: { timeout: 60_000 },
  reporter: [['list']],
  use: {
    baseURL: process.env.GRAFANA_URL || 'http://localhost:3000',
    navigationTimeout: 90_000,
    actionTimeout: 60_000,
    viewport: { width: 1600, height: 1000 },
    trace: 'retain-on-failure',
    launchOptions: chromium
      ? {
          executablePath: chromium,
          args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
        }
      : undefined,
  },
  projects: [
    // 1. Log in to Grafana and store the cookie for the other tests.
    { name: 'auth', testDir: pluginE2eAuth, testMatch: [/.*\.js/] },
    // 2. Every test starts authenticated as the admin user.
    {
      name: 'chromium',
      use: {
        ...devices['Desktop Chrome'],
        viewport: { width: 1600, height: 1000 },
        storageState: 'playwright/.auth/admin.json',
      },
      dependencies: ['auth'],
    },
  ],
});
