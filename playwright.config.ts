import { defineConfig } from '@playwright/test';
import { CHROMIUM_LAUNCH_OPTIONS } from './e2e/fixtures/chromium';

// Debian Chromium drives every end-to-end test; browsers are never downloaded. Each test starts
// its own server process (see e2e/fixtures) because several stop and restart it mid-test; it
// serves the production build in `dist` (`npx vite build` first), or the folder named by
// MEJIRUSHI_E2E_STATIC.
export default defineConfig({
  testDir: 'e2e',
  workers: 1,
  fullyParallel: false,
  timeout: 120_000,
  expect: { timeout: 20_000 },
  reporter: 'list',
  use: {
    browserName: 'chromium',
    viewport: { width: 1280, height: 860 },
    launchOptions: CHROMIUM_LAUNCH_OPTIONS,
    // A step that cannot happen should fail in seconds, not at the test's timeout.
    actionTimeout: 20_000,
    navigationTimeout: 30_000,
    trace: 'retain-on-failure',
  },
});
