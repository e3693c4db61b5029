// How every e2e Chromium starts: Debian's Chromium, without the background work a test run does not
// need. Shared by playwright.config.ts and the Electron stand-in (test/electron-standin).
export const CHROMIUM_EXECUTABLE = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'

export const CHROMIUM_ARGS: readonly string[] = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
]
