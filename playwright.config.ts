// End-to-end tests: Playwright drives Debian's Chromium against the harness (test/harness), or the
// Electron app itself when its binary is present (see test/e2e/fixtures.ts); the 'standin' project runs
// a chosen set again on the built main entry under the Electron stand-in (docs/electron-standin.md).
// Build first: `npx electron-vite build`.
import { defineConfig } from '@playwright/test'
import { CHROMIUM_ARGS, CHROMIUM_EXECUTABLE } from './test/e2e/chromiumFlags'
import type { KeywardMode } from './test/e2e/fixtures'

const screenshotsOnRequest = process.env.KEYWARD_DOCS_SCREENSHOTS ? [] : ['**/docs-screenshots.spec.ts']

/**
 * The specs the stand-in runs too, one per flow the issue names: first run and unlock, add, copy,
 * lock on sleep, import through a dialog, a test against the provider simulator, a rotation, a scan,
 * where a key's copies are (exposed or stored here).
 * Each costs a main process and a Chromium start (about 5 s more than the harness), so not all of them.
 */
const STANDIN_SUBSET = new RegExp(
  [
    // The stand-in's own checks of the main entry, all of them.
    'standin\\.spec\\.ts',
    'keyward asks the open app',
    "with main's prompt open",
    'first run asks for a master password',
    'adding keys: the prefix names the provider',
    'copy puts the value on the clipboard',
    'lock, a wrong password said plainly, then unlock',
    'a lock on system sleep',
    'importing a \\.env',
    'point providers at a staging host',
    'rotate a key against the provider',
    'scanning a repository',
    'exposed copies are the leak',
  ].join('|'),
)

export default defineConfig<{ keywardMode: KeywardMode }>({
  testDir: 'test/e2e',
  // The README's screenshots are made on request (npm run screenshots), not as a test.
  testIgnore: screenshotsOnRequest,
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
    launchOptions: { executablePath: CHROMIUM_EXECUTABLE, args: [...CHROMIUM_ARGS] },
  },
  projects: [
    // Every spec, on the harness (or Electron, where its binary is present, or as KEYWARD_E2E_MODE says).
    { name: 'e2e', testIgnore: [...screenshotsOnRequest, '**/standin.spec.ts'] },
    {
      name: 'standin',
      use: { keywardMode: 'standin' },
      testMatch: [
        '**/standin.spec.ts',
        '**/app-agent.spec.ts',
        '**/vault.spec.ts',
        '**/import-export.spec.ts',
        '**/tests-panel.spec.ts',
        '**/rotation.spec.ts',
        '**/scanner.spec.ts',
        '**/key-sightings.spec.ts',
      ],
      grep: STANDIN_SUBSET,
    },
  ],
})
