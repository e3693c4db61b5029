// End-to-end tests: Playwright drives Debian's Chromium against the harness (test/harness), or the
// Electron app itself when its binary is present (see test/e2e/fixtures.ts). Build first:
// `npx electron-vite build`.
import { defineConfig } from '@playwright/test'

export default defineConfig({
  testDir: 'test/e2e',
  // The README's screenshots are made on request (npm run screenshots), not as a test.
  testIgnore: process.env.KEYWARD_DOCS_SCREENSHOTS ? [] : ['**/docs-screenshots.spec.ts'],
  outputDir: 'test-results/e2e',
  workers: 2,
  retries: 0,
  reporter: 'list',
  timeout: 60_000,
  expect: { timeout: 5_000 },
  fullyParallel: true,
  use: {
    viewport: { width: 1280, height: 800 },
    colorScheme: 'light',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    },
  },
})
