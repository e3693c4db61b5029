// A Test all's skipped keys, folded under "Skipped (5)": one line per thing to fix, with the way to
// fix it (open the key, or its provider's settings) and the keys it holds.
import { useMemo } from 'react'
import type { TestRunStatus } from '#contract'
import { openKeyInVault } from '../../actions/openKeyInVault'
import { openSettings } from '../../actions/openSettings'
import { useProviderNames } from '../../hooks/useProviderNames'
import { groupSkipped, type SkippedWayOut } from './skippedGroups'

/** Names shown after a group's words before "and N more" (all of them stay in the tooltip). */
const NAMES_SHOWN = 3

function WayOut({ wayOut, providerName }: { wayOut: SkippedWayOut; providerName: (id: string) => string }) {
  if (!wayOut) return null
  if (wayOut.kind === 'key')
    return (
      <button type="button" className="link-button" onClick={() => void openKeyInVault(wayOut.keyId)}>
        Open {wayOut.name}
      </button>
    )
  return (
    <button
      type="button"
      className="link-button"
      onClick={() => openSettings('providers', { providerId: wayOut.providerId })}
    >
      Settings › Providers › {providerName(wayOut.providerId)}
    </button>
  )
}

export function SkippedKeys({ skipped }: { skipped: TestRunStatus['skipped'] }) {
  const providerName = useProviderNames()
  const groups = useMemo(() => groupSkipped(skipped, providerName), [skipped, providerName])
  if (skipped.length === 0) return null
  return (
    <details className="run-skipped">
      <summary className="run-skipped-summary">Skipped ({skipped.length.toLocaleString('en-US')})</summary>
      <ul className="run-skipped-groups" aria-label="Keys not tested">
        {groups.map((group) => {
          const more = group.names.length - NAMES_SHOWN
          return (
            <li key={group.id} className="run-skipped-row">
              <span className="run-skipped-text" title={group.names.join(', ')}>
                {group.text}
                <span className="run-skipped-names">
                  {group.names.slice(0, NAMES_SHOWN).join(', ')}
                  {more > 0 ? ` and ${more.toLocaleString('en-US')} more` : ''}
                </span>
              </span>
              <WayOut wayOut={group.wayOut} providerName={providerName} />
            </li>
          )
        })}
      </ul>
    </details>
  )
}
