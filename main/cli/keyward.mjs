#!/usr/bin/env node
// The package's `keyward` bin: runs the built CLI (npm run build makes out/main/cli.js).
import '../../out/main/cli.js'
