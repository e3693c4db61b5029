// What the window shows around the data: the section, the open dialog and the toasts.
import { create } from 'zustand'
import type { BackupSource, BackupSummary, EnvImportPreview } from '#contract'

export type Section = 'vault' | 'tests' | 'rotation' | 'scanner' | 'settings'

/** Settings' own sections, in the order its navigation lists them. */
export const SETTINGS_SECTIONS = ['general', 'security', 'backups', 'rotation', 'providers', 'activity'] as const
export type SettingsSection = (typeof SETTINGS_SECTIONS)[number]

/** A provider Settings › Providers should open and bring into view; the number tells one request from the next. */
export interface ProviderLink {
  providerId: string
  request: number
}

export type ImportPreview = Extract<EnvImportPreview, { canceled: false }>

export type OpenDialog =
  | { kind: 'add-key' }
  | { kind: 'import-env'; preview: ImportPreview }
  | { kind: 'export-env' }
  | { kind: 'env-view' }
  | { kind: 'delete-key'; keyId: string; keyName: string; versionCount: number }
  | { kind: 'change-value'; keyId: string; keyName: string }
  | { kind: 'rotate-key'; keyId: string; keyName: string }
  | { kind: 'custom-provider' }
  | { kind: 'delete-provider'; providerId: string; providerName: string }
  | { kind: 'change-master-password' }
  | { kind: 'restore-backup'; source: BackupSource; backup: BackupSummary }

export interface Toast {
  id: number
  message: string
  tone: 'info' | 'success' | 'error'
}

const TOAST_MILLISECONDS = 4_000
let nextToastId = 1

interface UiStore {
  section: Section
  /** Which part of Settings shows; kept while other sections are visited, so Settings opens where it was left. */
  settingsSection: SettingsSection
  providerLink: ProviderLink | null
  dialog: OpenDialog | null
  toasts: Toast[]
  /** Bumped to ask the search box to take focus. */
  searchFocusRequest: number
  /** Bumped to ask the detail pane to take focus. */
  detailFocusRequest: number
  /** The detail was opened (a row chosen): in a narrow window it shows instead of the list. */
  detailOpen: boolean
  /** Bumped by Back from the detail, to give the list the focus again. */
  listFocusRequest: number
  showSection: (section: Section) => void
  /** Opens Settings at one of its sections, and in Providers optionally one provider (a link from elsewhere). */
  showSettings: (settingsSection: SettingsSection, providerId?: string) => void
  openDialog: (dialog: OpenDialog) => void
  closeDialog: () => void
  pushToast: (message: string, tone?: Toast['tone']) => void
  dismissToast: (id: number) => void
  focusSearch: () => void
  focusDetail: () => void
  openDetail: () => void
  /** Back from the detail to the list (narrow windows; wide ones show both anyway). */
  closeDetail: () => void
  reset: () => void
}

export const useUiStore = create<UiStore>()((set, get) => ({
  section: 'vault',
  settingsSection: 'general',
  providerLink: null,
  dialog: null,
  toasts: [],
  searchFocusRequest: 0,
  detailFocusRequest: 0,
  detailOpen: false,
  listFocusRequest: 0,

  // A section opens on its list: in a narrow window the detail waits until a row is chosen.
  // A link's provider is opened once: coming back to Settings later shows the list as the user left it.
  showSection: (section) => set({ section, detailOpen: false, providerLink: null }),
  showSettings: (settingsSection, providerId) =>
    set({
      section: 'settings',
      settingsSection,
      detailOpen: false,
      providerLink: providerId === undefined ? null : { providerId, request: (get().providerLink?.request ?? 0) + 1 },
    }),
  openDialog: (dialog) => set({ dialog }),
  closeDialog: () => set({ dialog: null }),

  pushToast: (message, tone = 'info') => {
    const id = nextToastId++
    // One message at a time: a new one replaces the last, so nothing piles up over the detail pane.
    set({ toasts: [{ id, message, tone }] })
    setTimeout(() => get().dismissToast(id), TOAST_MILLISECONDS)
  },
  dismissToast: (id) => set({ toasts: get().toasts.filter((toast) => toast.id !== id) }),

  focusSearch: () => set({ section: 'vault', detailOpen: false, searchFocusRequest: get().searchFocusRequest + 1 }),
  focusDetail: () => set({ detailOpen: true, detailFocusRequest: get().detailFocusRequest + 1 }),
  openDetail: () => set({ detailOpen: true }),
  closeDetail: () => set({ detailOpen: false, listFocusRequest: get().listFocusRequest + 1 }),

  // Leaving the open vault: nothing of it stays on screen, messages included.
  reset: () =>
    set({
      section: 'vault',
      settingsSection: 'general',
      providerLink: null,
      dialog: null,
      toasts: [],
      detailOpen: false,
    }),
}))
