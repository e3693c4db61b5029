// Why main would not send a test (no provider, no verify URL, held back by the plan's limits), in its
// own words, which already name the way out; plus a button to that way out when there is one here.
import type { ReactNode } from 'react'
import { OUTCOME_WORDS } from '#contract'
import type { TestRefusal as Refusal } from '../../stores/testsStore'

const TITLES: Partial<Record<Refusal['code'], string>> = {
  not_testable: OUTCOME_WORDS.not_tested.word,
  rate_limited: 'Not sent yet',
  vault_locked: 'The vault is locked',
}

/** action: shown only for a refusal whose way out is elsewhere (not_testable); a wait needs no button. */
export function TestRefusal({ refusal, action }: { refusal: Refusal; action?: ReactNode }) {
  const tone = refusal.code === 'rate_limited' ? 'wait' : 'warn'
  return (
    <div className={`test-refusal tone-${tone}`} role="alert">
      <p className="test-refusal-title">{TITLES[refusal.code] ?? 'The test could not run'}</p>
      <p className="test-refusal-text">{refusal.message}</p>
      {action && refusal.code === 'not_testable' ? <div className="test-refusal-action">{action}</div> : null}
    </div>
  )
}
