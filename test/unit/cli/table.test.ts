// Tables on a terminal: aligned, and safe to print whatever a key's name holds.
import { describe, expect, it } from 'vitest'
import { displayWidth, formatTable, printable } from '../../../main/cli/table'

describe('printable', () => {
  it('shows line breaks, escape sequences and bidirectional overrides as visible escapes', () => {
    expect(printable('a\nb\tc\r')).toBe('a\\nb\\tc\\r')
    expect(printable('\u001b[31mred')).toBe('\\x1b[31mred')
    expect(printable('abc\u202edcba')).toBe('abc\\u202edcba')
    expect(printable('Ünïcødé 鍵 🔑 "quotes"')).toBe('Ünïcødé 鍵 🔑 "quotes"')
  })
})

describe('formatTable', () => {
  it('aligns columns by display width, wide characters counting two', () => {
    expect(displayWidth('鍵🔑e\u0301')).toBe(5)
    const table = formatTable(
      [
        { header: 'NAME', cell: (row: { name: string; env: string }) => row.name },
        { header: 'ENV', cell: (row: { name: string; env: string }) => row.env },
      ],
      [
        { name: '鍵', env: 'live' },
        { name: 'line\nbreak', env: 'test' },
      ],
    )
    expect(table).toBe('NAME         ENV\n鍵           live\nline\\nbreak  test\n')
  })
})
