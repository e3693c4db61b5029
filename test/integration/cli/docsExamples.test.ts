// docs/cli.md's examples, run: each `$ keyward …` whose output the page shows is run in-process in Ana's
// home (a real vault, the provider simulator, a fixed clock: docsExampleWorld.ts) as its scenario says
// (docsExampleScenarios.ts), and what the user would see (stdout, stderr and the terminal, in the order
// written) must read as the page says (docsExamplePage.ts).
import { describe, expect, it } from 'vitest'
import { useAnasMachine } from './docsExampleWorld'
import { documentedExamples, patternOf } from './docsExamplePage'
import { scenarios } from './docsExampleScenarios'

useAnasMachine()

const examples = documentedExamples()

describe('docs/cli.md', () => {
  it('finds the examples', () => {
    expect(examples.length).toBeGreaterThan(20)
  })

  it('has a way to run every example whose output it shows', () => {
    expect(examples.map((example) => example.command).filter((command) => !(command in scenarios))).toEqual([])
  })

  for (const example of examples.filter((entry) => entry.command in scenarios)) {
    it(example.command, async () => {
      const result = await scenarios[example.command]!()
      const seen = result.seen
        .split('\n')
        .map((line) => line.trimEnd())
        .join('\n')
      expect(seen, `docs/cli.md shows:\n${example.output}\nkeyward printed:\n${seen}`).toMatch(
        patternOf(example.output),
      )
      if (example.exitCode !== undefined) expect(result.exitCode).toBe(example.exitCode)
    })
  }
})
