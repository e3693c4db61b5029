// Turns scanKernel.wat into the bytes kernelBinary.ts embeds (a development step, never run by the app):
//   npx tsx main/scanner/kernel/compileKernel.ts --write
// A unit test compiles the text again and fails when the embedded bytes are stale.
import { readFileSync, writeFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

export const kernelSourcePath = fileURLToPath(new URL('./scanKernel.wat', import.meta.url))
const binaryModulePath = fileURLToPath(new URL('./kernelBinary.ts', import.meta.url))

export const compileScanKernel = async (): Promise<Uint8Array> => {
  const { default: initWabt } = await import('wabt')
  const wabt = await initWabt()
  const module = wabt.parseWat('scanKernel.wat', readFileSync(kernelSourcePath, 'utf8'), { simd: true })
  try {
    return new Uint8Array(module.toBinary({}).buffer)
  } finally {
    module.destroy()
  }
}

export const kernelBinaryModuleText = (bytes: Uint8Array): string =>
  [
    '// Generated from scanKernel.wat by compileKernel.ts: do not edit by hand.',
    `export const scanKernelBase64 =\n  '${Buffer.from(bytes).toString('base64')}'`,
    '',
  ].join('\n')

if (process.argv.includes('--write') && process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const bytes = await compileScanKernel()
  writeFileSync(binaryModulePath, kernelBinaryModuleText(bytes))
  console.log(`kernelBinary.ts: ${bytes.length} bytes of WebAssembly`)
}
