// The words for a failed write: each common cause named with the folder, never an errno string alone.
import { describe, expect, it } from 'vitest'
import { whyWriteFailed } from '../../../main/common/writeFailure'

const failure = (code: string) => Object.assign(new Error(`${code}: raw message, open '/x/.y.1234.tmp'`), { code })

describe('whyWriteFailed', () => {
  it('says what is wrong with the folder, without the system message', () => {
    expect(whyWriteFailed(failure('ENOENT'), '/home/ana/backups')).toBe(
      'the folder /home/ana/backups does not exist. Create it first, or choose another path',
    )
    expect(whyWriteFailed(failure('EACCES'), '/srv')).toBe(
      'you are not allowed to write in /srv. Check its permissions, or choose another path',
    )
    expect(whyWriteFailed(failure('ENOSPC'), '/srv')).toBe('the disk holding /srv is full')
    expect(whyWriteFailed(failure('EROFS'), '/srv')).toBe('/srv is on a read-only file system. Choose another path')
    for (const code of ['ENOENT', 'ENOTDIR', 'EACCES', 'EPERM', 'ENOSPC', 'EDQUOT', 'EROFS']) {
      expect(whyWriteFailed(failure(code), '/srv')).not.toMatch(/raw message|\.tmp|E[A-Z]+/)
    }
  })
})
