// Rotation as the window sees it: main's overview (every key's due date and state, counts, policy),
// each key's provider and environment for the rows, where each leaked key was found, the rotations in
// progress, the panel's filter and selection. Asked again after anything that can move a due date (an edit, a test, a rotation step).
import { create } from 'zustand'
import type { KeyRecord, KeySighting, RotationFlow, RotationOverview, RotationState, RotationStatus } from '#contract'
import { KEY_INDEX_LIMIT, ROTATION_STATES } from '#contract'
import { callKeyward } from '../api/callKeyward'
import { movedIndex } from './movedIndex'

export type StateFilter = 'all' | RotationState

export type SnoozeChoice = { days: number } | null

interface RotationStore {
  overview: RotationOverview | null
  /** Each key as listed (provider, environment), by id: the overview names keys only. */
  records: Record<string, KeyRecord>
  /** Where the scanner found each leaked key exposed (the place that says most), by id. */
  leakPlaces: Record<string, KeySighting>
  flows: RotationFlow[]
  loaded: boolean
  loadError: string | null
  selectedId: string | null
  filter: StateFilter
  loadOverview: () => Promise<void>
  setFilter: (filter: StateFilter) => void
  selectKey: (id: string | null) => void
  moveSelection: (delta: number) => void
  /** Answers main's sentence ("Snoozed until 2026-05-02, when the key expires…"), or its refusal. */
  snooze: (id: string, choice: SnoozeChoice) => Promise<{ ok: boolean; message: string | null }>
  /** Answers an error message, or null when the period was saved. */
  setPeriod: (id: string, days: number | null) => Promise<string | null>
  reset: () => void
}

/** The keys in panel order: grouped by state as UX.md lists them, main's urgency order inside. */
export const visibleStatuses = (overview: RotationOverview | null, filter: StateFilter): RotationStatus[] => {
  if (!overview) return []
  return ROTATION_STATES.filter((state) => filter === 'all' || filter === state).flatMap((state) =>
    overview.keys.filter((status) => status.state === state),
  )
}

let request = 0
let generation = 0

/** Leaked keys whose place is asked for: one request each, and a list seldom holds more. */
const LEAK_PLACES_ASKED = 100

/**
 * The place that says most of a leak: an exposed copy only (a copy stored in a git-ignored or untracked
 * local file is no leak, and one of unknown exposure may not be), still in the files first (the one to
 * remove now), then the newest. None: the row says main's reason instead.
 */
const mostTelling = (sightings: readonly KeySighting[]): KeySighting | undefined =>
  sightings
    .filter((sighting) => sighting.exposure === 'exposed')
    .sort((a, b) => Number(b.inHead) - Number(a.inHead) || b.foundAt.localeCompare(a.foundAt))[0]

const askLeakPlaces = async (overview: RotationOverview): Promise<Record<string, KeySighting>> => {
  const leaked = overview.keys.filter((status) => status.state === 'leaked').slice(0, LEAK_PLACES_ASKED)
  const answers = await Promise.all(
    leaked.map(async (status) => {
      const result = await callKeyward('listKeySightings', { id: status.keyId })
      const place = result.ok ? mostTelling(result.value) : undefined
      return place ? [[status.keyId, place] as const] : []
    }),
  )
  return Object.fromEntries(answers.flat())
}

/** What the store holds before the first overview, and again after a lock. */
const EMPTY_ROTATION = {
  overview: null,
  records: {},
  leakPlaces: {},
  flows: [],
  loaded: false,
  loadError: null,
  selectedId: null,
  filter: 'all',
} satisfies Partial<RotationStore>

export const useRotationStore = create<RotationStore>()((set, get) => ({
  ...EMPTY_ROTATION,

  loadOverview: async () => {
    const mine = ++request
    // The rows show from the overview; each key's provider and environment (the whole index, the
    // slower answer) fill in when they arrive.
    const list = callKeyward('listKeys', { limit: KEY_INDEX_LIMIT })
    const [overview, flows] = await Promise.all([callKeyward('getRotationOverview'), callKeyward('listRotationFlows')])
    if (mine !== request) return
    if (!overview.ok) {
      set({ loadError: overview.error.message, loaded: true })
      return
    }
    const visible = visibleStatuses(overview.value, get().filter)
    const selectedId = get().selectedId
    set({
      overview: overview.value,
      flows: flows.ok ? flows.value : get().flows,
      loaded: true,
      loadError: null,
      selectedId: visible.some((status) => status.keyId === selectedId) ? selectedId : (visible[0]?.keyId ?? null),
    })
    const places = askLeakPlaces(overview.value)
    const listed = await list
    if (mine !== request) return
    if (listed.ok) set({ records: Object.fromEntries(listed.value.keys.map((key) => [key.id, key])) })
    const leakPlaces = await places
    if (mine === request) set({ leakPlaces })
  },

  setFilter: (filter) => {
    const visible = visibleStatuses(get().overview, filter)
    const selectedId = get().selectedId
    set({
      filter,
      selectedId: visible.some((status) => status.keyId === selectedId) ? selectedId : (visible[0]?.keyId ?? null),
    })
  },

  selectKey: (id) => set({ selectedId: id }),

  moveSelection: (delta) => {
    const { overview, filter, selectedId } = get()
    const visible = visibleStatuses(overview, filter)
    if (visible.length === 0) return
    const index = visible.findIndex((status) => status.keyId === selectedId)
    const next = movedIndex(visible.length, index, delta)
    set({ selectedId: visible[next]?.keyId ?? null })
  },

  snooze: async (id, choice) => {
    const started = generation
    const result = await callKeyward('snoozeRotation', { id, snooze: choice })
    if (started !== generation) return { ok: false, message: null }
    if (!result.ok) return { ok: false, message: result.error.message }
    await get().loadOverview()
    return { ok: true, message: result.value.message }
  },

  setPeriod: async (id, days) => {
    const result = await callKeyward('setRotationPeriod', { id, days })
    if (!result.ok) return result.error.message
    await get().loadOverview()
    return null
  },

  reset: () => {
    generation++
    request++
    set(EMPTY_ROTATION)
  },
}))

export const selectStatusOf =
  (keyId: string) =>
  (state: RotationStore): RotationStatus | null =>
    state.overview?.keys.find((status) => status.keyId === keyId) ?? null

export const selectSelectedStatus = (state: RotationStore): RotationStatus | null =>
  state.overview?.keys.find((status) => status.keyId === state.selectedId) ?? null
