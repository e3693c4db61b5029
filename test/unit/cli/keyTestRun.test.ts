// The run-only settings of `keyward test`: laid over the stored ones for the tests, never stored.
import { describe, expect, it } from 'vitest'
import { applyRunOverrides } from '../../../main/cli/keyTestRun'

const none = { baseUrl: null, extraCa: null }

describe('applyRunOverrides', () => {
  it("answers the run's base URL for the providers named, and the stored settings for the others", () => {
    const overrides = { baseUrls: new Map([['clipia', 'https://run.example']]), extraCa: null }
    expect(applyRunOverrides('clipia', none, overrides)).toEqual({ baseUrl: 'https://run.example', extraCa: null })
    expect(applyRunOverrides('clodura', { baseUrl: 'https://stored.example', extraCa: 'STORED' }, overrides)).toEqual({
      baseUrl: 'https://stored.example',
      extraCa: 'STORED',
    })
  })

  it("trusts the run's CA for every provider, beside a stored one", () => {
    const overrides = { baseUrls: new Map<string, string>(), extraCa: 'RUN' }
    expect(applyRunOverrides('clodura', { baseUrl: null, extraCa: 'STORED' }, overrides).extraCa).toBe('STORED\nRUN')
    expect(applyRunOverrides('airclou', none, overrides).extraCa).toBe('RUN')
  })
})
