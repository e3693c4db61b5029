// The confirmation main itself shows before a change widens where keys are sent (a provider's base
// URL or CA, a custom provider's hosts, a key's provider or verify URL). The renderer can ask for
// such a change; only the user, in a dialog the renderer cannot draw or answer, can allow it.
// Electron's message box implements this in main/app; tests and the harness pass scripted answers.

/** What the user is asked to allow, in the words the dialog shows. */
export interface WideningRequest {
  /** The change asked for: "Send Airclou's tests to https://proxy.example:8443". */
  change: string
  /** Hosts keys would newly be sent to. */
  hosts: string[]
  /** Keys that would be sent there (by name). */
  keyNames: string[]
  /** The provider whose keys added later would go there too, when the change is provider-wide. */
  laterKeysOf: string | null
  /** The CA certificate the change trusts, by file name, when it trusts one. */
  caCertificate: string | null
}

export interface Confirmations {
  /** True only when the user chose to allow the change; Cancel, Escape or closing the dialog is false. */
  confirmWiderReach(request: WideningRequest): Promise<boolean>
}
