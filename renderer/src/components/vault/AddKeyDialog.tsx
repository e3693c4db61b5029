// Adding a key: paste the value first; main guesses provider, environment and env var from its prefix,
// the fields fill in, the person confirms; a value the vault already holds says under which key. The
// value field is uncontrolled: it never reaches React state. The state and submit live in useAddKeyForm.
import { useAddKeyForm } from '../../hooks/useAddKeyForm'
import { useProvidersStore } from '../../stores/providersStore'
import { AddKeyValueField } from './AddKeyValueField'
import { Dialog } from '../shared/Dialog'
import { DialogActions } from '../shared/DialogActions'
import { ErrorMessage } from '../shared/ErrorMessage'
import { EnvironmentPicker } from './fields/EnvironmentPicker'
import { ExpiryInputRow } from './fields/ExpiryInputRow'
import { ProviderSelect } from './fields/ProviderSelect'
import { TextFieldRow } from './fields/TextFieldRow'

// Longer than 80 lines for its markup: the form's state and checks are in its hook (useAddKeyForm)
// and its fields are components; what is left is their layout.
export function AddKeyDialog() {
  const providers = useProvidersStore((state) => state.providers)
  const form = useAddKeyForm()
  const { name, provider, environment, envVar, scopes, tags, expiresAt } = form.values

  return (
    <Dialog
      title="Add key"
      subtitle="Paste the value first: Keyward recognises the provider and environment from its prefix."
      onClose={form.closeDialog}
      size="medium"
      footer={
        <>
          <span className="dialog-footer-note">Encrypted in the vault; lists show only a mask.</span>
          <DialogActions
            onCancel={form.closeDialog}
            form="add-key-form"
            confirmLabel={form.busy ? 'Adding…' : 'Add key'}
            disabled={form.busy || !form.hasValue}
          />
        </>
      }
    >
      <form id="add-key-form" className="form-grid" onSubmit={form.onSubmit} noValidate>
        <AddKeyValueField
          valueRef={form.valueRef}
          guess={form.guess}
          sharedPrefix={form.sharedPrefix}
          provider={provider}
          onValueInput={form.onValueInput}
          onChooseProvider={form.chooseProvider}
          onOpenOwner={form.closeDialog}
        />
        <TextFieldRow
          id="new-key-name"
          label="Name"
          full
          value={name}
          autoComplete="off"
          placeholder="e.g. Clipia production"
          onValue={form.setNameByHand}
        />
        <div className="form-row">
          <label className="field-label" htmlFor="new-key-provider">
            Provider
          </label>
          <ProviderSelect id="new-key-provider" value={provider} providers={providers} onChange={form.chooseProvider} />
        </div>
        <div className="form-row">
          <span className="field-label" id="new-key-environment-label">
            Environment
          </span>
          <EnvironmentPicker name="new-key-environment" value={environment} onChange={form.setEnvironmentByHand} />
        </div>
        <TextFieldRow
          id="new-key-env-var"
          label="Env var"
          mono
          value={envVar}
          autoComplete="off"
          spellCheck={false}
          placeholder="API_KEY"
          onValue={form.setEnvVarByHand}
        />
        <ExpiryInputRow id="new-key-expires" value={expiresAt} onValue={form.setExpiresAt} />
        <TextFieldRow
          id="new-key-scopes"
          label="Scopes"
          value={scopes}
          autoComplete="off"
          placeholder="read, write"
          onValue={form.setScopes}
        />
        <TextFieldRow
          id="new-key-tags"
          label="Tags"
          value={tags}
          autoComplete="off"
          placeholder="backend, billing"
          onValue={form.setTags}
        />
        <div className="form-row form-row-full">
          <ErrorMessage message={form.error} />
        </div>
      </form>
    </Dialog>
  )
}
