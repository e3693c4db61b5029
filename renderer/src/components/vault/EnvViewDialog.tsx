// An environment as a .env of references: each key's variable, the keyward:// reference that fills it,
// and whether it resolves to that key alone. The template holds no value, so it can be committed;
// keyward inject fills it in, keyward run resolves it. Copy it, or save it through main's dialog.
import { useEffect, useState } from 'react'
import { ENVIRONMENTS, type Environment, type EnvironmentView } from '#contract'
import { callKeyward } from '../../api/callKeyward'
import { countNoun } from '../../format/countNoun'
import { useKeysStore } from '../../stores/keysStore'
import { useUiStore } from '../../stores/uiStore'
import { Dialog } from '../shared/Dialog'
import { ErrorMessage } from '../shared/ErrorMessage'

// Longer than 80 lines for its markup: the environment's variables table and the template's copy
// and export buttons share the view loaded once.
export function EnvViewDialog() {
  const closeDialog = useUiStore((state) => state.closeDialog)
  const pushToast = useUiStore((state) => state.pushToast)
  const environments = useKeysStore((state) => state.facets.environments)
  const countFor = (environment: Environment) => environments.find((entry) => entry.value === environment)?.count ?? 0
  const [environment, setEnvironment] = useState<Environment>(
    () => ENVIRONMENTS.find((candidate) => countFor(candidate) > 0) ?? 'live',
  )
  const [view, setView] = useState<EnvironmentView | null>(null)
  const [error, setError] = useState<string | null>(null)

  useEffect(() => {
    let current = true
    void callKeyward('getEnvironmentView', { environment }).then((result) => {
      if (!current) return
      if (result.ok) {
        setView(result.value)
        setError(null)
      } else setError(result.error.message)
    })
    return () => {
      current = false
    }
  }, [environment])

  const copyTemplate = async () => {
    const result = await callKeyward('copyEnvironmentTemplate', { environment })
    if (!result.ok) setError(result.error.message)
    else pushToast(`Copied a template of ${countNoun(result.value.count, 'reference')}`, 'success')
  }

  const saveTemplate = async () => {
    const result = await callKeyward('exportEnvironmentTemplate', { environment })
    if (!result.ok) setError(result.error.message)
    else if (!result.value.canceled)
      pushToast(`Saved ${countNoun(result.value.count, 'reference')} to ${result.value.path}`, 'success')
  }

  const problems = view?.variables.filter((entry) => entry.status !== 'ok').length ?? 0
  const empty = (view?.variables.length ?? 0) === 0
  return (
    <Dialog
      title="Use keys without copying them"
      subtitle="An environment as a .env of keyward:// references: no value in it, so it can live in the repository."
      onClose={closeDialog}
      size="wide"
      footer={
        <>
          <button type="button" className="button" onClick={closeDialog}>
            Close
          </button>
          <button type="button" className="button" disabled={empty} onClick={() => void saveTemplate()}>
            Save template…
          </button>
          <button
            type="button"
            className="button button-primary"
            disabled={empty}
            onClick={() => void copyTemplate()}
            data-autofocus
          >
            Copy template
          </button>
        </>
      }
    >
      <div className="env-view-environments" role="radiogroup" aria-label="Environment">
        {ENVIRONMENTS.map((candidate) => (
          <label key={candidate} className={`choice-inline${environment === candidate ? ' checked' : ''}`}>
            <input
              type="radio"
              name="env-view-environment"
              checked={environment === candidate}
              onChange={() => setEnvironment(candidate)}
            />
            <span className={`environment-badge environment-${candidate}`}>{candidate}</span>
            <span className="choice-count">{countNoun(countFor(candidate), 'key')}</span>
          </label>
        ))}
      </div>
      {view && !empty ? (
        <>
          <table className="env-view-table" aria-label={`${environment} variables`}>
            <thead>
              <tr>
                <th scope="col">Variable</th>
                <th scope="col">Reference</th>
                <th scope="col">Resolves</th>
              </tr>
            </thead>
            <tbody>
              {view.variables.map((entry) => (
                <tr key={entry.keyId} data-variable={entry.variable}>
                  <td className="mono">{entry.variable}</td>
                  <td>
                    <span className="mono">{entry.reference}</span>
                    <span className="env-view-masked mono">{entry.maskedValue}</span>
                  </td>
                  <td className={entry.status === 'ok' ? 'env-view-ok' : 'env-view-problem'}>
                    {entry.status === 'ok' ? `to “${entry.keyName}”` : entry.problem}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <p className="env-view-hint">
            {problems > 0 ? `${countNoun(problems, 'variable')} to fix before the template is used. ` : ''}
            Fill it with <code>keyward inject -i {environment}.env.template -o .env</code>, or give the keys straight to
            a command with <code>keyward run --env {environment} -- npm start</code>.
          </p>
        </>
      ) : view ? (
        <p className="env-view-hint">There are no {environment} keys yet.</p>
      ) : null}
      <ErrorMessage message={error} />
    </Dialog>
  )
}
