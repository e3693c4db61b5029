// Finding references in templates (.env, JSON, YAML): where each one ends, its line and column, the
// ones that cannot be read, and the template filled.
import { describe, expect, it } from 'vitest'
import { fillTemplate, findTemplateReferences } from '../../../main/reference-service/index'

const names = (text: string) => findTemplateReferences(text).references.map((found) => found.reference.name)

describe('findTemplateReferences', () => {
  it('ends a bare reference at the end of the line, leaving trailing spaces and a CR out', () => {
    expect(names('CLIPIA_KEY=keyward://Clipia live\nPORT=3000\n')).toEqual(['Clipia live'])
    expect(names('CLIPIA_KEY=keyward://Clipia live   \r\nNEXT=keyward://b')).toEqual(['Clipia live', 'b'])
  })

  it('ends a bare reference at a quote, for JSON, YAML and shell quoting', () => {
    expect(names('{"token": "keyward://Clipia live", "other": "keyward://Airclou CI"}')).toEqual([
      'Clipia live',
      'Airclou CI',
    ])
    expect(names("token: 'keyward://Clipia live'\nexport B=`keyward://b`")).toEqual(['Clipia live', 'b'])
  })

  it('ends a bare reference at a comment that follows a space', () => {
    expect(names('token: keyward://Clipia live  # billing\n')).toEqual(['Clipia live'])
    expect(names('token: keyward://Clipia#1\n')).toEqual(['Clipia#1'])
  })

  it('reads the {{ }} form anywhere, spaces inside the braces left out', () => {
    const text = 'url=https://u:{{ keyward://Clipia live }}@host/{{keyward://b}}?x=1\n'
    const { references } = findTemplateReferences(text)
    expect(references.map((found) => [found.reference.name, found.form])).toEqual([
      ['Clipia live', 'braced'],
      ['b', 'braced'],
    ])
    expect(fillTemplate(text, references, (found) => `<${found.reference.name}>`)).toBe(
      'url=https://u:<Clipia live>@host/<b>?x=1\n',
    )
  })

  it('gives 1-based lines and columns counted in characters', () => {
    const { references } = findTemplateReferences('# é🔑\nA=keyward://a\n  é🔑: "keyward://b"\n')
    expect(references.map((found) => [found.line, found.column])).toEqual([
      [2, 3],
      [3, 8],
    ])
  })

  it('lists a reference that names nothing and a {{ never closed, with where they are', () => {
    const { references, problems } = findTemplateReferences(
      'A=keyward://\nB={{ keyward://Clipia live\nC="keyward://ok"\nD=keyward:// # none\n',
    )
    expect(references.map((found) => found.reference.name)).toEqual(['ok'])
    expect(problems.map((problem) => [problem.line, problem.column])).toEqual([
      [1, 3],
      [2, 6],
      [4, 3],
    ])
    expect(problems[0]!.message).toContain('names no key')
    expect(problems[1]!.message).toContain('no }} closes it')
  })

  it('fills hundreds of references, leaving everything else byte for byte', () => {
    const lines = Array.from({ length: 600 }, (_, index) =>
      index % 3 === 0 ? `# line ${index}` : `VAR_${index}="keyward://Key ${index % 7}" # é`,
    )
    const text = `${lines.join('\r\n')}\r\n`
    const { references, problems } = findTemplateReferences(text)
    expect(problems).toEqual([])
    expect(references).toHaveLength(400)
    const filled = fillTemplate(text, references, (found) => `value-of-${found.reference.name.replace(' ', '-')}`)
    expect(filled.split('\r\n')[1]).toBe('VAR_1="value-of-Key-1" # é')
    expect(filled).not.toContain('keyward://')
    expect(filled.split('\r\n')).toHaveLength(601)
  })

  it('finds nothing in a template without references', () => {
    expect(findTemplateReferences('PORT=3000\nHOST=https://example.com\n')).toEqual({ references: [], problems: [] })
  })
})
