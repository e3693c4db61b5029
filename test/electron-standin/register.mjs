// `node --import tsx --import ./test/electron-standin/register.mjs out/main/index.js`: runs the built
// main entry with its `import … from 'electron'` answered by the stand-in (electron.ts) instead of
// Electron. Tests only.
import { registerHooks } from 'node:module'

const standinUrl = new URL('./electron.ts', import.meta.url).href

registerHooks({
  resolve(specifier, context, nextResolve) {
    if (specifier === 'electron') return { url: standinUrl, format: 'module', shortCircuit: true }
    return nextResolve(specifier, context)
  },
})
