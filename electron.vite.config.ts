// Three builds from one config: main (the Electron entry and the CLI), the sandboxed preload
// (CommonJS, requiring only electron), and the renderer (React).
import { resolve } from 'node:path'
import { defineConfig } from 'electron-vite'
import react from '@vitejs/plugin-react'
import type { Plugin } from 'vite'

/**
 * Development only: React's fast refresh injects an inline script and talks over a websocket, which
 * the production CSP (script-src 'self') refuses. Built files keep the strict policy.
 */
const relaxCspForDevServer = (): Plugin => ({
  name: 'keyward-dev-csp',
  apply: 'serve',
  transformIndexHtml: (html) =>
    html
      .replace("script-src 'self'", "script-src 'self' 'unsafe-inline'")
      .replace("connect-src 'self'", "connect-src 'self' ws://localhost:* http://localhost:*"),
})

export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
      externalizeDeps: true,
      rolldownOptions: {
        input: {
          index: resolve(__dirname, 'main/app/main.ts'),
          cli: resolve(__dirname, 'main/cli/main.ts'),
          // keyward unlock starts this file, beside the CLI, as the agent process.
          agent: resolve(__dirname, 'main/cli/agent/agentMain.ts'),
          // The scanner's worker threads load this file by name, beside the bundle.
          scanWorker: resolve(__dirname, 'main/scanner/scanWorker.ts'),
        },
      },
    },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      // A sandboxed preload can require nothing but electron: bundle the contract (and zod) into it.
      externalizeDeps: false,
      rolldownOptions: {
        input: { index: resolve(__dirname, 'preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: resolve(__dirname, 'renderer'),
    plugins: [react(), relaxCspForDevServer()],
    build: {
      outDir: resolve(__dirname, 'out/renderer'),
      minify: true,
      rolldownOptions: {
        input: { index: resolve(__dirname, 'renderer/index.html') },
      },
    },
  },
})
