// Auth tests as the window sees them: every key with its last outcome (the Tests panel and the
// sidebar's count), the Tests panel's filter and selection, each key's Test now in flight or just
// answered, and the background "Test all" run, polled twice a second while it runs (main sends no events).
import { create } from 'zustand'
import type { ErrorCode, KeyRecord, KeyTest, TestOutcome, TestRunStatus } from '#contract'
import { isFailingOutcome, KEY_INDEX_LIMIT, outcomeRank } from '#contract'
import { callKeyward } from '../api/callKeyward'
import { followBackgroundRun } from './backgroundRun'
import { useKeysStore } from './keysStore'
import { movedIndex } from './movedIndex'

export const RUN_POLL_INTERVAL_MS = 500
/** While a run goes, the key lists are asked again at most this often (each answer moves badges). */
const LIST_REFRESH_INTERVAL_MS = 1_000

export type OutcomeFilter = 'all' | 'failing' | 'untested' | TestOutcome

/** Why main would not send a Test now (no provider, held back by the plan's limits), in its words. */
export interface TestRefusal {
  code: ErrorCode
  message: string
}

/** What one Test now answered: a result, or a refusal. */
export type TestAnswer = { kind: 'tested'; test: KeyTest } | ({ kind: 'refused' } & TestRefusal)

interface TestsStore {
  keys: KeyRecord[]
  total: number
  loaded: boolean
  loadError: string | null
  selectedId: string | null
  filter: OutcomeFilter
  run: TestRunStatus | null
  runError: string | null
  testing: Record<string, true>
  /** This session's latest result per key (it carries the HTTP status and when to test again). */
  results: Record<string, KeyTest>
  /** The last Test now main refused, per key, until the next one is sent. */
  refusals: Record<string, TestRefusal>
  loadKeys: () => Promise<void>
  setFilter: (filter: OutcomeFilter) => void
  selectKey: (id: string | null) => void
  moveSelection: (delta: number) => void
  testKey: (id: string) => Promise<TestAnswer>
  startRun: (keyIds?: string[]) => Promise<void>
  refreshRun: () => Promise<void>
  cancelRun: () => Promise<void>
  reset: () => void
}

export const matchesOutcomeFilter = (record: KeyRecord, filter: OutcomeFilter): boolean => {
  const outcome = record.lastTest?.outcome ?? null
  switch (filter) {
    case 'all':
      return true
    case 'failing':
      return isFailingOutcome(outcome)
    case 'untested':
      return outcome === null
    default:
      return outcome === filter
  }
}

/** Worst outcome first (rejected before expired … before not tested before valid); the list order inside each. */
const byOutcome = (keys: KeyRecord[]): KeyRecord[] => {
  const rank = (key: KeyRecord) => outcomeRank(key.lastTest?.outcome ?? 'not_tested')
  return keys
    .map((key, index) => ({ key, index, rank: rank(key) }))
    .sort((left, right) => left.rank - right.rank || left.index - right.index)
    .map(({ key }) => key)
}

/** Once a Test all has ended, failing keys come first; during a run rows stay put (no jumping under the pointer). */
const sortsFailingFirst = (run: TestRunStatus | null): boolean => run !== null && run.state !== 'running'

let lastVisible: { keys: KeyRecord[]; filter: OutcomeFilter; byOutcome: boolean; visible: KeyRecord[] } | null = null

/**
 * The Tests list as shown, in the order shown: the keys matching the filter, failing first after a
 * run. The list draws it and the arrow keys walk it; kept for the same inputs, since an arrow key
 * over 10,000 keys should not sort them again.
 */
export const visibleTestKeys = (state: Pick<TestsStore, 'keys' | 'filter' | 'run'>): KeyRecord[] => {
  const sorted = sortsFailingFirst(state.run)
  if (lastVisible?.keys === state.keys && lastVisible.filter === state.filter && lastVisible.byOutcome === sorted)
    return lastVisible.visible
  const matching = state.keys.filter((key) => matchesOutcomeFilter(key, state.filter))
  const visible = sorted ? byOutcome(matching) : matching
  lastVisible = { keys: state.keys, filter: state.filter, byOutcome: sorted, visible }
  return visible
}

export const countFailingKeys = (keys: KeyRecord[]): number =>
  keys.filter((key) => isFailingOutcome(key.lastTest?.outcome)).length

let listRequest = 0
let lastListRefresh = 0

const refreshKeyLists = async (get: () => TestsStore): Promise<void> => {
  lastListRefresh = Date.now()
  await Promise.all([get().loadKeys(), useKeysStore.getState().loadKeys()])
}

/** What the store holds before the first list, and again after a lock. */
const EMPTY_TESTS = {
  keys: [],
  total: 0,
  loaded: false,
  loadError: null,
  selectedId: null,
  filter: 'all',
  run: null,
  runError: null,
  testing: {},
  results: {},
  refusals: {},
} satisfies Partial<TestsStore>

// Longer than 80 lines: one zustand store is one object of state and actions made in one create()
// call (with the run's polling); each action is short.
export const useTestsStore = create<TestsStore>()((set, get) => {
  /** Takes a run status from main and refreshes the badges as results land. */
  const acceptRun = (run: TestRunStatus | null) => {
    const previous = get().run
    set({ run, runError: null })
    if (!run) return
    const moved =
      previous === null ||
      previous.done !== run.done ||
      previous.state !== run.state ||
      previous.startedAt !== run.startedAt
    const ended = run.state !== 'running' && previous?.state === 'running'
    if (ended || (moved && Date.now() - lastListRefresh >= LIST_REFRESH_INTERVAL_MS)) void refreshKeyLists(get)
  }
  const testRun = followBackgroundRun<TestRunStatus>({
    intervalMs: RUN_POLL_INTERVAL_MS,
    fetchStatus: () => callKeyward('getTestRun'),
    accept: acceptRun,
    fail: (message) => set({ runError: message }),
  })

  return {
    ...EMPTY_TESTS,

    loadKeys: async () => {
      const request = ++listRequest
      const result = await callKeyward('listKeys', { limit: KEY_INDEX_LIMIT })
      if (request !== listRequest) return
      if (!result.ok) {
        set({ loadError: result.error.message, loaded: true })
        return
      }
      const { keys, total } = result.value
      const visible = visibleTestKeys({ ...get(), keys })
      const selectedId = get().selectedId
      const keep = visible.some((key) => key.id === selectedId)
      set({ keys, total, loaded: true, loadError: null, selectedId: keep ? selectedId : (visible[0]?.id ?? null) })
    },

    setFilter: (filter) => {
      const visible = visibleTestKeys({ ...get(), filter })
      const selectedId = get().selectedId
      set({ filter, selectedId: visible.some((key) => key.id === selectedId) ? selectedId : (visible[0]?.id ?? null) })
    },

    selectKey: (id) => set({ selectedId: id }),

    moveSelection: (delta) => {
      const { selectedId } = get()
      const visible = visibleTestKeys(get())
      if (visible.length === 0) return
      const index = visible.findIndex((key) => key.id === selectedId)
      const next = movedIndex(visible.length, index, delta)
      set({ selectedId: visible[next]?.id ?? null })
    },

    testKey: async (id) => {
      const started = testRun.token()
      set({ testing: { ...get().testing, [id]: true } })
      const result = await callKeyward('testKey', { id })
      const answer: TestAnswer = result.ok
        ? { kind: 'tested', test: result.value }
        : { kind: 'refused', code: result.error.code, message: result.error.message }
      if (!testRun.current(started)) return answer
      const { testing, results, refusals } = get()
      const stillTesting = { ...testing }
      delete stillTesting[id]
      const nextRefusals = { ...refusals }
      delete nextRefusals[id]
      if (result.ok) set({ testing: stillTesting, results: { ...results, [id]: result.value }, refusals: nextRefusals })
      else
        set({
          testing: stillTesting,
          refusals: { ...nextRefusals, [id]: { code: result.error.code, message: result.error.message } },
        })
      if (result.ok) await refreshKeyLists(get)
      return answer
    },

    startRun: async (keyIds) => {
      // A new run's results replace whatever single tests said before.
      if (await testRun.act(() => callKeyward('startTestRun', keyIds ? { keyIds } : {})))
        set({ results: {}, refusals: {} })
    },

    refreshRun: () => testRun.refresh(),

    cancelRun: async () => {
      await testRun.act(() => callKeyward('cancelTestRun'))
    },

    reset: () => {
      testRun.reset()
      listRequest++
      set(EMPTY_TESTS)
    },
  }
})

export const selectSelectedTestKey = (state: TestsStore): KeyRecord | null =>
  state.keys.find((key) => key.id === state.selectedId) ?? null
