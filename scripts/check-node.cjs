// Stops on a Node older than package.json's engines field with one line naming both versions, before
// anything loads a native module built for a newer Node (which crashes without a word).
// Plain old JavaScript on purpose: it has to run on the old Node it turns away.
'use strict'
var fs = require('fs')
var path = require('path')

/** The lowest major version the engines field allows (">=24" gives 24). */
function neededNodeMajor() {
  var manifest = JSON.parse(fs.readFileSync(path.join(__dirname, '..', 'package.json'), 'utf8'))
  var match = /^>=\s*(\d+)/.exec(manifest.engines.node)
  if (!match) throw new Error('package.json engines.node must read ">=N", not ' + JSON.stringify(manifest.engines.node))
  return Number(match[1])
}

/** The one-line refusal for this Node, or null when it is new enough. */
function nodeVersionProblem(foundVersion, neededMajor, nodePath) {
  var foundMajor = Number(String(foundVersion).replace(/^v/, '').split('.')[0])
  if (foundMajor >= neededMajor) return null
  return (
    'Keyward needs Node.js ' +
    neededMajor +
    ' or newer, and this is Node.js ' +
    String(foundVersion).replace(/^v/, '') +
    ' (' +
    nodePath +
    '): install Node.js ' +
    neededMajor +
    ' and run it again.'
  )
}

module.exports = { neededNodeMajor: neededNodeMajor, nodeVersionProblem: nodeVersionProblem }

var problem = nodeVersionProblem(process.version, neededNodeMajor(), process.execPath)
if (problem) {
  process.stderr.write(problem + '\n')
  process.exit(1)
}
