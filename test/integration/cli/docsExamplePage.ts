// docs/cli.md's examples as data: each `$ keyward …` the page shows with its output (and the exit code
// a following `$ echo $?` shows), and that output as a pattern: "..." on the page stands for the rest of
// a line (or, alone on a line, for lines left out); column gaps may differ in width.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { PROJECT_ROOT } from './builtCli'

export interface Example {
  command: string
  output: string
  /** From a following `$ echo $?`. */
  exitCode?: number
}

/** The examples in the page's code blocks that show what they print. */
export const documentedExamples = (): Example[] => {
  const page = readFileSync(join(PROJECT_ROOT, 'docs/cli.md'), 'utf8')
  const examples: Example[] = []
  for (const [, block] of page.matchAll(/```[a-z]*\n([\s\S]*?)```/g)) {
    const lines = block!.split('\n')
    let current: { command: string; output: string[] } | null = null
    const close = () => {
      // Blank lines may sit inside an output (between providers), not at its end.
      while (current?.output.at(-1)?.trim() === '') current.output.pop()
      if (current && current.output.length > 0)
        examples.push({ command: current.command, output: current.output.join('\n') })
      current = null
    }
    for (let index = 0; index < lines.length; index += 1) {
      const line = lines[index]!
      if (line.startsWith('$ ')) {
        close()
        let command = line.slice(2)
        while (command.endsWith('\\')) command = `${command.slice(0, -1).trimEnd()} ${lines[++index]!.trim()}`
        if (command === 'echo $?') {
          const code = Number(lines[++index])
          examples[examples.length - 1]!.exitCode = code
          continue
        }
        current = { command, output: [] }
      } else if (current) {
        current.output.push(line)
      }
    }
    close()
  }
  return examples.filter((example) => /(^|\s)keyward\s/.test(example.command))
}

/** The page's output as a pattern: "..." is any text; a line of "..." any lines; gaps of 2+ spaces any width. */
export const patternOf = (output: string): RegExp => {
  const lines = output.split('\n').map((line) => {
    if (line.trim() === '...') return '(?:[^\\n]*\\n)*?'
    const escaped = line
      .trimEnd()
      .split('...')
      .map((part) =>
        part
          .replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
          .replace(/ {2,}/g, ' {2,}')
          .replace(/\d+ ms/g, '\\d+ ms')
          .replace(/\d+\\\.\d (KB|MB)/g, '[\\d.]+ [KM]?B'),
      )
      .join('[^\\n]*')
    return `${escaped}\\n`
  })
  return new RegExp(`^${lines.join('')}$`)
}
