// Where a key's values were last seen, as the window is told (listKeySightings): each place with
// whether the value was exposed there (tracked, staged, committed: the key leaked), stored there in
// plain text (a git-ignored or untracked local file: a place to put a reference instead) or seen
// before the vault recorded which. Built field by field, so a column the vault adds later reaches the
// window only when the contract names it.
import type { KeySighting } from '#contract'
import type { StoredKeySighting } from '../vault/index'

export const sightingsForWindow = (stored: readonly StoredKeySighting[]): KeySighting[] =>
  stored.map((sighting) => ({
    version: sighting.version,
    folder: sighting.folder,
    kind: sighting.kind,
    path: sighting.path,
    line: sighting.line,
    commit: sighting.commit,
    inHead: sighting.inHead,
    exposure: sighting.exposure,
    foundAt: sighting.foundAt,
  }))
