// "Did you mean": close names for a key that was not found.
import { describe, expect, it } from 'vitest'
import { suggestNames } from '../../../main/reference-service/index'

const names = ['Clipia prod', 'Clipia staging', 'Airclou CI', 'GITHUB_TOKEN', 'Stripe live']

describe('suggestNames', () => {
  it('suggests names one typo away, a mistyped start, or containing what was typed', () => {
    expect(suggestNames('github_tokn', names)).toEqual(['GITHUB_TOKEN'])
    expect(suggestNames('clipa', names)).toEqual(['Clipia prod', 'Clipia staging'])
    expect(suggestNames('airclou', names)).toEqual(['Airclou CI'])
  })

  it('suggests nothing for a name unlike any other', () => {
    expect(suggestNames('payments', names)).toEqual([])
  })
})
