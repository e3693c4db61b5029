// The allowance of values shown or copied before main asks for the master password again.
import { describe, expect, it } from 'vitest'
import { VALUE_ALLOWANCE, ValuePacer } from '../../../main/ipc/valuePacing'
import { isKeywardError } from '../../../main/common/errors'
import { ManualClock } from '../../support/manualClock'

const refusal = (pacer: ValuePacer) => {
  try {
    pacer.take()
    return null
  } catch (error) {
    return isKeywardError(error) ? error.code : 'other'
  }
}

const takeAll = (pacer: ValuePacer, count: number) => {
  for (let index = 0; index < count; index += 1) pacer.take()
}

describe('the value allowance', () => {
  it('is 5 a minute and 20 in 10 minutes', () => {
    expect(VALUE_ALLOWANCE.map(({ values, withinMilliseconds }) => [values, withinMilliseconds])).toEqual([
      [5, 60_000],
      [20, 600_000],
    ])
  })

  it('refuses the 6th value within a minute, and gives one back as the first leaves the minute', () => {
    const clock = new ManualClock()
    const pacer = new ValuePacer(clock)
    takeAll(pacer, 5)
    expect(refusal(pacer)).toBe('reauth_required')
    clock.advance(60_000)
    expect(refusal(pacer)).toBeNull()
  })

  it('refuses the 21st value within 10 minutes even at an unhurried pace', () => {
    const clock = new ManualClock()
    const pacer = new ValuePacer(clock)
    for (let index = 0; index < 20; index += 1) {
      pacer.take()
      clock.advance(25_000)
    }
    expect(refusal(pacer)).toBe('reauth_required')
    clock.advance(600_000)
    expect(refusal(pacer)).toBeNull()
  })

  it('starts afresh once the master password is typed again', () => {
    const pacer = new ValuePacer(new ManualClock())
    takeAll(pacer, 5)
    expect(refusal(pacer)).toBe('reauth_required')
    pacer.renew()
    takeAll(pacer, 5)
    expect(refusal(pacer)).toBe('reauth_required')
  })

  it('does not count a refused value', () => {
    const clock = new ManualClock()
    const pacer = new ValuePacer(clock)
    takeAll(pacer, 5)
    for (let index = 0; index < 100; index += 1) refusal(pacer)
    clock.advance(60_000)
    takeAll(pacer, 5)
  })
})
