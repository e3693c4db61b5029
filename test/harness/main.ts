// `npm run harness [-- --vault PATH] [--port N] [--json]`: the renderer in any browser, on a real vault.
// Without --vault it uses a fresh temporary folder. --json prints one line {url, token, confirmToken,
// vaultPath, origin} for a program to read (the e2e fixture does); the page never sees confirmToken. Stays up until Ctrl+C.
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { parseArgs } from 'node:util'
import { startHarness } from './harness'

const { values } = parseArgs({
  options: {
    vault: { type: 'string' },
    port: { type: 'string' },
    renderer: { type: 'string' },
    json: { type: 'boolean', default: false },
  },
  strict: true,
})

const vaultPath = values.vault
  ? resolve(values.vault)
  : join(mkdtempSync(join(tmpdir(), 'keyward-harness-')), 'vault.keyward')
const port = values.port ? Number(values.port) : 0
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`--port must be a number from 0 to 65535, not "${values.port}"`)
  process.exit(2)
}

const harness = await startHarness({
  vaultPath,
  port,
  rendererDirectory: values.renderer ? resolve(values.renderer) : undefined,
  // The e2e fixture gives each test's keyward command its own folder.
  commandFolder: process.env['KEYWARD_HARNESS_COMMAND_FOLDER'],
}).catch((error: unknown) => {
  console.error(`[harness] ${(error as Error).message}`)
  process.exit(1)
})

if (values.json) {
  process.stdout.write(
    `${JSON.stringify({ url: harness.url, origin: harness.origin, token: harness.token, confirmToken: harness.confirmToken, vaultPath })}\n`,
  )
} else {
  console.log(`Keyward harness on ${vaultPath}`)
  console.log(`Open: ${harness.url}`)
  console.log('File dialogs answer Cancel unless a test queues a path (POST /__harness/dialog). Ctrl+C stops.')
  console.log(
    `Main's confirmations answer Cancel unless queued: POST /__confirm/answer {"allow": true} with x-keyward-confirm-token: ${harness.confirmToken}`,
  )
}

let stopping = false
const stop = () => {
  if (stopping) return
  stopping = true
  void harness.close().then(() => process.exit(0))
}
process.on('SIGINT', stop)
process.on('SIGTERM', stop)
// The e2e fixture closes our stdin when it is done with us; a vanished parent must not leave us running.
if (values.json) {
  process.stdin.on('end', stop)
  process.stdin.resume()
}
