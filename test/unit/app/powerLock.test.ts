import { EventEmitter } from 'node:events'
import { describe, expect, it } from 'vitest'
import { wireAutoLock, type PowerLockReason } from '../../../main/app/powerLock'

const setUp = (lock: (reason: PowerLockReason) => void = () => {}) => {
  const powerMonitor = new EventEmitter()
  const reasons: PowerLockReason[] = []
  const errors: unknown[] = []
  const unwire = wireAutoLock(
    powerMonitor,
    {
      lock: (reason) => {
        reasons.push(reason)
        lock(reason)
      },
    },
    (error) => errors.push(error),
  )
  return { powerMonitor, reasons, errors, unwire }
}

describe('auto-lock on suspend and screen lock', () => {
  it("locks with 'suspend' when the machine goes to sleep", () => {
    const { powerMonitor, reasons } = setUp()
    powerMonitor.emit('suspend')
    expect(reasons).toEqual(['suspend'])
  })

  it("locks with 'screen-lock' when the screen locks", () => {
    const { powerMonitor, reasons } = setUp()
    powerMonitor.emit('lock-screen')
    expect(reasons).toEqual(['screen-lock'])
  })

  it('does not lock on other power events', () => {
    const { powerMonitor, reasons } = setUp()
    for (const event of ['resume', 'unlock-screen', 'on-ac', 'on-battery', 'shutdown']) powerMonitor.emit(event)
    expect(reasons).toEqual([])
  })

  it('stops listening once unwired', () => {
    const { powerMonitor, reasons, unwire } = setUp()
    unwire()
    powerMonitor.emit('suspend')
    powerMonitor.emit('lock-screen')
    expect(reasons).toEqual([])
    expect(powerMonitor.listenerCount('suspend') + powerMonitor.listenerCount('lock-screen')).toBe(0)
  })

  it('reports a lock that throws instead of crashing the emitter', () => {
    const { powerMonitor, errors } = setUp(() => {
      throw new Error('database is busy')
    })
    expect(() => powerMonitor.emit('suspend')).not.toThrow()
    expect(errors).toHaveLength(1)
  })
})
