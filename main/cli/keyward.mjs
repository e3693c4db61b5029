#!/usr/bin/env node
// The package's `keyward` bin: turns an old Node away first (the native SQLite module would crash it
// without a word), then runs the built CLI (npm run build makes out/main/cli.js).
import { createRequire } from 'node:module'

createRequire(import.meta.url)('../../scripts/check-node.cjs')
await import('../../out/main/cli.js')
