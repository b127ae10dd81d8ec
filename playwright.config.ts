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
  // Timeouts catch a hang, never measure speed: CI may run 5x slower than a developer's machine.
  timeout: 600_000,
  expect: { timeout: 60_000 },
  reporter: 'list',
  use: {
    browserName: 'chromium',
    viewport: { width: 1280, height: 860 },
    launchOptions: CHROMIUM_LAUNCH_OPTIONS,
    // A step that cannot happen should fail within a minute or two, not at the test's timeout.
    actionTimeout: 60_000,
    navigationTimeout: 120_000,
    trace: 'retain-on-failure',
  },
});
