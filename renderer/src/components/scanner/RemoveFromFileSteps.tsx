// What to do about a secret still in the repository's files, in the order that makes it harmless:
// rotate it first (a removed value stays in every clone and in history), then take it out of the file,
// then, for history, why rewriting it comes last and helps least.
import type { ScanFinding } from '#contract'
import { openRotateDialog } from '../../actions/openRotateDialog'
import { callKeyward } from '../../api/callKeyward'
import { useUiStore } from '../../stores/uiStore'

/** Still in the files: the working tree or the index now, or history whose HEAD still holds it. */
export const isStillInFiles = (finding: ScanFinding): boolean =>
  finding.exposure === 'exposed' && (finding.kind !== 'history' || finding.inHead)

const fileName = (path: string): string => path.split('/').at(-1) ?? path

function HistoryAdvice({ finding }: { finding: ScanFinding }) {
  if (finding.kind === 'index' && finding.commit === null) {
    return (
      <>
        No commit holds it yet: unstage the file (<code>git restore --staged {finding.path}</code>) before you commit,
        and nothing needs rewriting.
      </>
    )
  }
  return (
    <>
      Commits already hold it. Rewriting history (git filter-repo) takes it out of new clones only: every existing clone
      and fork keeps it, which is why rotating comes first.
    </>
  )
}

export function RemoveFromFileSteps({ finding }: { finding: ScanFinding }) {
  const pushToast = useUiStore((state) => state.pushToast)
  const match = finding.vaultKey
  const copyPath = async () => {
    const copied = await callKeyward('copyScanFindingPath', { fingerprint: finding.fingerprint })
    if (copied.ok) pushToast(`Copied the path: ${copied.value.shown}`, 'success')
    else pushToast(copied.error.message, 'error')
  }
  return (
    <section className="test-panel finding-panel" aria-labelledby={`fix-${finding.fingerprint}`}>
      <h3 id={`fix-${finding.fingerprint}`} className="test-panel-title">
        What to do
      </h3>
      <ol className="finding-steps">
        <li>
          <strong>Rotate it.</strong>{' '}
          {match
            ? match.current
              ? `Replace ${match.keyName} with a new value, then revoke this one at the provider.`
              : `This is an older value of ${match.keyName}: make sure the provider revoked it.`
            : 'Revoke it where it was issued and replace it.'}
          {match?.current ? (
            <div className="finding-actions">
              <button
                type="button"
                className="button button-primary"
                onClick={() => openRotateDialog(match.keyId, match.keyName)}
              >
                Rotate…
              </button>
            </div>
          ) : null}
        </li>
        <li>
          <strong>Remove it from {fileName(finding.path)}.</strong> Line {finding.line} of{' '}
          <span className="mono">{finding.path}</span> still holds it
          {finding.kind === 'index' ? ' (staged for the next commit)' : ''}. Put a keyward:// reference in its place
          (keyward inject) or read it from the environment (keyward run), and commit the change.
          <div className="finding-actions">
            <button type="button" className="button button-small" onClick={() => void copyPath()}>
              Copy path
            </button>
          </div>
        </li>
        <li>
          <strong>Then history.</strong> <HistoryAdvice finding={finding} />
        </li>
      </ol>
    </section>
  )
}
