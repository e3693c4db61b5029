// The peer-corpus readers of the rules benchmark: Go literals read as Go reads them, only plain
// literal examples kept, the generator's templates filled, snapshots with options of their own left out.
import { describe, expect, it } from 'vitest'
import { goRuleExamples, readGoString, sampleTemplates } from '../../bench/peer-corpora/goRuleExamples'
import { snapshotCases } from '../../bench/peer-corpora/secretlintSnapshots'

const goRules = [
  'package rules',
  '',
  'func ExampleToken() *config.Rule {',
  '\ttps := utils.GenerateSampleSecrets("demo", "tok_abc123")',
  '\ttps = append(tps,',
  '\t\t`"a": "tok_raw\\n"`, // a comment, with, commas',
  '\t\t"quoted \\"tok_q\\"",',
  '\t\t`"b": `+fmt.Sprintf(`"tok_%s"`, secrets.NewSecret("x")),',
  '\t)',
  '\tfps := []string{',
  '\t\t"tok_xxx",',
  '\t}',
  '\treturn utils.Validate(r, tps, fps)',
  '}',
].join('\n')

const generator = [
  'func GenerateSampleSecrets(identifier string, secret string) []string {',
  '\tsamples := map[string]string{',
  '\t\t"ini": "{i}Token=\\"{s}\\"",',
  '\t\t// "skipped": "{i}",',
  '\t\t"go": `{I}_TOKEN := "{s}"`,',
  '\t}',
  '\treturn nil',
  '}',
].join('\n')

describe('peer corpora', () => {
  it('reads interpreted and raw Go strings', () => {
    expect(readGoString('"a\\n\\"b\\x41"', 0)).toEqual({ value: 'a\n"bA', end: 12 })
    expect(readGoString('`raw\\n`', 0)).toEqual({ value: 'raw\\n', end: 7 })
    expect(readGoString('"open', 0)).toBeNull()
  })

  it('keeps plain literal examples, fills the generator templates and drops examples built at run time', () => {
    const templates = sampleTemplates(generator)
    expect(templates).toEqual(['{i}Token="{s}"', '{I}_TOKEN := "{s}"'])
    const examples = goRuleExamples('example.go', goRules, templates)
    expect(examples.filter((example) => example.secret).map((example) => example.text)).toEqual([
      '"a": "tok_raw\\n"',
      'quoted "tok_q"',
      'demoToken="tok_abc123"',
      'DEMO_TOKEN := "tok_abc123"',
    ])
    expect(examples.filter((example) => !example.secret).map((example) => example.text)).toEqual(['tok_xxx'])
    expect(examples[0]!.source).toBe('gitleaks:example.go:ExampleToken')
  })

  it('takes expected lines from a snapshot and leaves out snapshots run with options of their own', () => {
    const files: Record<string, string> = {
      'ng.one/input.txt': 'x\ntoken=abc\n',
      'ng.one/output.json': JSON.stringify({ messages: [{ loc: { start: { line: 2 } } }] }),
      'ok.none/input': 'nothing',
      'ok.none/output.json': JSON.stringify({ messages: [] }),
      'options.allow/input': 'token=abc',
      'options.allow/output.json': JSON.stringify({ messages: [] }),
      'options.allow/.secretlintrc.json': '{}',
    }
    const cases = snapshotCases('demo', { list: () => Object.keys(files), read: (path) => Buffer.from(files[path]!) })
    expect(cases).toEqual([
      { source: 'secretlint:demo:ng.one', fileName: 'input.txt', text: 'x\ntoken=abc\n', secretLines: [2] },
      { source: 'secretlint:demo:ok.none', fileName: 'input', text: 'nothing', secretLines: [] },
    ])
  })
})
