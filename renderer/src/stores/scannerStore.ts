// The Scanner section: the folder and what of it to scan, the background scan (polled while it runs;
// main sends no events), the last scan's findings with the panel's filter and selection, and what
// "Test whether it is still live" answered per finding.
import { create } from 'zustand'
import type {
  ErrorCode,
  FindingTest,
  Result,
  ScanFinding,
  ScanFolderChoice,
  ScanResults,
  ScanRunStatus,
  ScanScopes,
} from '#contract'
import { callKeyward } from '../api/callKeyward'
import { followBackgroundRun } from './backgroundRun'
import { useRotationStore } from './rotationStore'
import { movedIndex } from './movedIndex'

export const SCAN_POLL_INTERVAL_MS = 250

export type FindingFilter = 'all' | 'live' | 'vault' | 'current' | 'history' | 'set_aside'

export type FindingTestAnswer =
  | { kind: 'tested'; test: FindingTest }
  | { kind: 'refused'; code: ErrorCode; message: string }

interface ScannerStore {
  /** Folders chosen before, most recent first, each with how it is shown. */
  folders: ScanFolderChoice[]
  folder: string | null
  scopes: ScanScopes
  run: ScanRunStatus | null
  runError: string | null
  results: ScanResults | null
  filter: FindingFilter
  selectedId: string | null
  /** Findings whose "still live?" test is in flight. */
  testing: Record<string, true>
  tests: Record<string, FindingTestAnswer>
  actionError: string | null
  loadFolders: () => Promise<void>
  chooseFolder: () => Promise<void>
  setFolder: (folder: string) => void
  setScope: (scope: keyof ScanScopes, on: boolean) => void
  startScan: () => Promise<void>
  refreshRun: () => Promise<void>
  cancelScan: () => Promise<void>
  loadResults: () => Promise<void>
  setFilter: (filter: FindingFilter | 'all') => void
  selectFinding: (fingerprint: string | null) => void
  moveSelection: (delta: number) => void
  setAside: (fingerprint: string, reason: 'false_positive' | 'accepted') => Promise<void>
  restore: (fingerprint: string) => Promise<void>
  testFinding: (fingerprint: string) => Promise<void>
  reset: () => void
}

export const matchesFindingFilter = (finding: ScanFinding, filter: FindingFilter): boolean => {
  if (filter === 'set_aside') return finding.suppressed !== null
  if (finding.suppressed !== null) return false
  switch (filter) {
    case 'all':
      return true
    case 'live':
      return finding.environment === 'live'
    case 'vault':
      return finding.vaultKey !== null
    case 'current':
      return finding.kind !== 'history' || finding.inHead
    case 'history':
      return finding.kind === 'history' && !finding.inHead
  }
}

export const visibleFindings = (results: ScanResults | null, filter: FindingFilter): ScanFinding[] =>
  results ? results.findings.filter((finding) => matchesFindingFilter(finding, filter)) : []

const INITIAL = {
  folders: [] as ScanFolderChoice[],
  folder: null as string | null,
  scopes: { tree: true, index: true, history: true } as ScanScopes,
  run: null as ScanRunStatus | null,
  runError: null as string | null,
  results: null as ScanResults | null,
  filter: 'all' as FindingFilter,
  selectedId: null as string | null,
  testing: {} as Record<string, true>,
  tests: {} as Record<string, FindingTestAnswer>,
  actionError: null as string | null,
}

// Longer than 80 lines: one zustand store is one object of state and actions made in one create()
// call (with the polling it starts and stops); each action is short.
export const useScannerStore = create<ScannerStore>()((set, get) => {
  const acceptRun = (run: ScanRunStatus | null) => {
    const previous = get().run
    set({ run, runError: null })
    if (run && run.state !== 'running' && (previous?.state === 'running' || get().results === null)) {
      void get().loadResults()
      // A scan marks the keys it found leaked: the Rotation badge follows.
      void useRotationStore.getState().loadOverview()
    }
  }

  const scan = followBackgroundRun<ScanRunStatus>({
    intervalMs: SCAN_POLL_INTERVAL_MS,
    fetchStatus: () => callKeyward('getScanRun'),
    accept: acceptRun,
    fail: (message) => set({ runError: message }),
  })

  /** Keeps the selection on a visible finding (the first one when the old one is gone). */
  const acceptResults = (results: ScanResults | null) => {
    const { selectedId, filter } = get()
    const visible = visibleFindings(results, filter)
    const keep = visible.some((finding) => finding.fingerprint === selectedId)
    set({ results, selectedId: keep ? selectedId : (visible[0]?.fingerprint ?? null) })
  }

  /** A finding set aside or restored: main answers the results as they now stand. */
  const applyAside = async (request: Promise<Result<ScanResults>>) => {
    const result = await request
    if (!result.ok) {
      set({ actionError: result.error.message })
      return
    }
    set({ actionError: null })
    acceptResults(result.value)
    // Setting aside a key's last finding clears its leaked mark; restoring one sets it again.
    void useRotationStore.getState().loadOverview()
  }

  return {
    ...INITIAL,

    loadFolders: async () => {
      const started = scan.token()
      const result = await callKeyward('listScanFolders')
      if (!scan.current(started) || !result.ok) return
      set({ folders: result.value, folder: get().folder ?? result.value[0]?.folder ?? null })
    },

    chooseFolder: async () => {
      const result = await callKeyward('chooseScanFolder')
      if (!result.ok) {
        set({ runError: result.error.message })
        return
      }
      if (result.value.canceled) return
      const { folder, shown } = result.value
      set({
        folder,
        folders: [{ folder, shown }, ...get().folders.filter((known) => known.folder !== folder)],
        runError: null,
      })
    },

    setFolder: (folder) => set({ folder }),

    setScope: (scope, on) => set({ scopes: { ...get().scopes, [scope]: on } }),

    startScan: async () => {
      const { folder, scopes } = get()
      if (!folder) return
      if (await scan.act(() => callKeyward('startScan', { folder, scopes })))
        set({ tests: {}, testing: {}, actionError: null })
    },

    refreshRun: () => scan.refresh(),

    cancelScan: async () => {
      await scan.act(() => callKeyward('cancelScan'))
    },

    loadResults: async () => {
      const started = scan.token()
      const result = await callKeyward('getScanResults')
      if (!scan.current(started)) return
      if (!result.ok) {
        set({ runError: result.error.message })
        return
      }
      acceptResults(result.value)
    },

    setFilter: (filter) => {
      set({ filter })
      acceptResults(get().results)
    },

    selectFinding: (fingerprint) => set({ selectedId: fingerprint }),

    moveSelection: (delta) => {
      const { results, filter, selectedId } = get()
      const visible = visibleFindings(results, filter)
      if (visible.length === 0) return
      const index = visible.findIndex((finding) => finding.fingerprint === selectedId)
      const next = movedIndex(visible.length, index, delta)
      set({ selectedId: visible[next]?.fingerprint ?? null })
    },

    setAside: (fingerprint, reason) => applyAside(callKeyward('ignoreScanFinding', { fingerprint, reason })),

    restore: (fingerprint) => applyAside(callKeyward('unignoreScanFinding', { fingerprint })),

    testFinding: async (fingerprint) => {
      const started = scan.token()
      set({ testing: { ...get().testing, [fingerprint]: true } })
      const result = await callKeyward('testScanFinding', { fingerprint })
      if (!scan.current(started)) return
      const testing = { ...get().testing }
      delete testing[fingerprint]
      const answer: FindingTestAnswer = result.ok
        ? { kind: 'tested', test: result.value }
        : { kind: 'refused', code: result.error.code, message: result.error.message }
      set({ testing, tests: { ...get().tests, [fingerprint]: answer } })
    },

    reset: () => {
      scan.reset()
      set({ ...INITIAL })
    },
  }
})

export const selectSelectedFinding = (state: ScannerStore): ScanFinding | null =>
  state.results?.findings.find((finding) => finding.fingerprint === state.selectedId) ?? null
