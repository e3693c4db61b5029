// The key list: the current search and filters, the page of keys main answered, the sidebar's facet
// counts and the selected row. Holds masked values only; a revealed value never enters this store.
import { create } from 'zustand'
import type { Environment, KeyChanges, KeyList, KeyQuery, KeyRecord, NewKey, Result } from '#contract'
import { KEY_INDEX_LIMIT, matchesKeySearch } from '#contract'
import { callKeyward } from '../api/callKeyward'
import { useSessionStore } from './sessionStore'
import { movedIndex } from './movedIndex'

export type FilterKind = 'provider' | 'environment' | 'tag'

export interface KeyFilters {
  provider?: string
  environment?: Environment
  tag?: string
}

/** Keys in the first answer: more than a tall window shows, few enough to cross the bridge at once. */
const FIRST_PAGE_SIZE = 200
const emptyFacets: KeyList['facets'] = { providers: [], environments: [], tags: [] }

interface KeysStore {
  keys: KeyRecord[]
  total: number
  facets: KeyList['facets']
  searchText: string
  filters: KeyFilters
  selectedId: string | null
  /** True once the first list for this session has arrived (the empty state waits for it). */
  loaded: boolean
  loadError: string | null
  /** selectFirst: the search or filters changed, so the top match becomes the selection. */
  loadKeys: (options?: { selectFirst?: boolean }) => Promise<void>
  setSearchText: (text: string) => void
  toggleFilter: (kind: FilterKind, value: string) => void
  clearFilters: () => void
  selectKey: (id: string | null) => void
  moveSelection: (delta: number) => void
  addKey: (newKey: NewKey) => Promise<Result<KeyRecord>>
  updateKey: (id: string, changes: KeyChanges) => Promise<Result<KeyRecord>>
  deleteKey: (id: string) => Promise<Result<{ deleted: true }>>
  reset: () => void
}

let listRequest = 0

/** After a key is added, imported or deleted: the list, and the key count in the status, at once. */
const refreshStatus = (): Promise<void> => useSessionStore.getState().refreshStatus()
let searchTimer: ReturnType<typeof setTimeout> | null = null

/**
 * The whole list main last answered without a search text, for the chip filters it was asked with: a
 * search then filters it here (the matching rule is the contract's, the same as main's), so a keystroke
 * never waits for thousands of keys to cross the bridge. Dropped whenever a list is asked with a text,
 * since that may follow a change to the keys.
 */
let heldIndex: { filters: string; keys: KeyRecord[] } | null = null
const filtersKey = (filters: KeyFilters): string =>
  JSON.stringify([filters.provider ?? null, filters.environment ?? null, filters.tag ?? null])

const queryFrom = (searchText: string, filters: KeyFilters): KeyQuery => {
  const query: KeyQuery = { limit: KEY_INDEX_LIMIT }
  const text = searchText.trim()
  if (text) query.text = text
  if (filters.provider) query.provider = filters.provider
  if (filters.environment) query.environment = filters.environment
  if (filters.tag) query.tag = filters.tag
  return query
}

export const hasActiveFilters = (searchText: string, filters: KeyFilters): boolean =>
  searchText.trim() !== '' || Boolean(filters.provider || filters.environment || filters.tag)

/** What the store holds before the first list, and again after a lock. */
const EMPTY_KEYS = {
  keys: [],
  total: 0,
  facets: emptyFacets,
  searchText: '',
  filters: {},
  selectedId: null,
  loaded: false,
  loadError: null,
} satisfies Partial<KeysStore>

// Longer than 80 lines: one zustand store is one object of state and actions made in one create()
// call; each action is short.
export const useKeysStore = create<KeysStore>()((set, get) => ({
  ...EMPTY_KEYS,

  loadKeys: async ({ selectFirst = false } = {}) => {
    const request = ++listRequest
    const { searchText, filters } = get()
    const query = queryFrom(searchText, filters)
    // A first screenful answers in milliseconds; the rest of the index follows in a second request,
    // so the first rows never wait for 10,000 keys to cross the bridge (docs/architecture.md).
    const first = await callKeyward('listKeys', { ...query, limit: FIRST_PAGE_SIZE })
    if (request !== listRequest) return
    if (!first.ok) {
      set({ loadError: first.error.message, loaded: true })
      return
    }
    const { total, facets } = first.value
    // The selection stays put while it may still be listed (in this page, or in the rest to come).
    const previousId = get().selectedId
    const mayStay =
      !selectFirst &&
      previousId !== null &&
      (total > first.value.keys.length || first.value.keys.some((key) => key.id === previousId))
    const selectedId = mayStay ? previousId : (first.value.keys[0]?.id ?? null)
    set({ keys: first.value.keys, total, facets, loaded: true, loadError: null, selectedId })
    const hold = (keys: KeyRecord[]) => {
      heldIndex = query.text ? null : { filters: filtersKey(filters), keys }
    }
    if (total <= first.value.keys.length) {
      hold(first.value.keys)
      return
    }
    const rest = await callKeyward('listKeys', { ...query, offset: first.value.keys.length, limit: KEY_INDEX_LIMIT })
    if (request !== listRequest) return
    if (!rest.ok) {
      set({ loadError: rest.error.message })
      return
    }
    const keys = [...first.value.keys, ...rest.value.keys]
    hold(keys)
    const current = get().selectedId
    set({
      keys,
      total: rest.value.total,
      selectedId: keys.some((key) => key.id === current) ? current : (keys[0]?.id ?? null),
    })
  },

  setSearchText: (text) => {
    if (searchTimer) clearTimeout(searchTimer)
    const held = heldIndex
    if (held && held.filters === filtersKey(get().filters)) {
      listRequest++ // an answer still on its way is for an older search
      const keys = text.trim() ? held.keys.filter((key) => matchesKeySearch(key, text)) : held.keys
      set({
        searchText: text,
        keys,
        total: keys.length,
        loaded: true,
        loadError: null,
        selectedId: keys[0]?.id ?? null,
      })
      return
    }
    set({ searchText: text })
    searchTimer = setTimeout(() => void get().loadKeys({ selectFirst: true }), 120)
  },

  toggleFilter: (kind, value) => {
    const filters = { ...get().filters }
    if (filters[kind] === value) delete filters[kind]
    else (filters as Record<FilterKind, string>)[kind] = value
    set({ filters })
    void get().loadKeys({ selectFirst: true })
  },

  clearFilters: () => {
    if (searchTimer) clearTimeout(searchTimer)
    set({ filters: {}, searchText: '' })
    void get().loadKeys()
  },

  selectKey: (id) => set({ selectedId: id }),

  moveSelection: (delta) => {
    const { keys, selectedId } = get()
    if (keys.length === 0) return
    const index = keys.findIndex((key) => key.id === selectedId)
    const next = movedIndex(keys.length, index, delta)
    set({ selectedId: keys[next]?.id ?? null })
  },

  addKey: async (newKey) => {
    const result = await callKeyward('addKey', newKey)
    if (result.ok) {
      set({ selectedId: result.value.id })
      await Promise.all([get().loadKeys(), refreshStatus()])
    }
    return result
  },

  updateKey: async (id, changes) => {
    const result = await callKeyward('updateKey', { id, changes })
    if (result.ok) {
      const updated = result.value
      set({ keys: get().keys.map((key) => (key.id === id ? updated : key)) })
      await get().loadKeys()
    }
    return result
  },

  deleteKey: async (id) => {
    const { keys } = get()
    const index = keys.findIndex((key) => key.id === id)
    const result = await callKeyward('deleteKey', { id })
    if (result.ok) {
      const neighbour = keys[index + 1] ?? keys[index - 1] ?? null
      set({ selectedId: neighbour?.id ?? null })
      await Promise.all([get().loadKeys(), refreshStatus()])
    }
    return result
  },

  reset: () => {
    listRequest++
    heldIndex = null
    if (searchTimer) clearTimeout(searchTimer)
    set(EMPTY_KEYS)
  },
}))

export const selectSelectedKey = (state: KeysStore): KeyRecord | null =>
  state.keys.find((key) => key.id === state.selectedId) ?? null
