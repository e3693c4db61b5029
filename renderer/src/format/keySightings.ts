// How the window says where a key's value was seen (listKeySightings): the place, what kind of copy it
// is, and the copies grouped by exposure in the order they matter: exposed copies (why a key is
// rotated), copies stored in local files git does not keep (to replace with a reference or `keyward
// run`), places seen before Keyward recorded which (said so, not guessed).
import type { KeySighting } from '#contract'
import { folderName, shortCommit } from './scanFindings'

export type SightingExposure = KeySighting['exposure']

/** "storefront/.env:3": the folder's last name, for narrow places. */
export const sightingPlace = (sighting: KeySighting): string =>
  `${folderName(sighting.folder)}/${sighting.path}:${sighting.line}`

/** The full path and line, for a title. */
export const sightingFullPlace = (sighting: KeySighting): string =>
  `${sighting.folder}/${sighting.path}:${sighting.line}`

/** What kind of copy: "history only, commit 1a2b3c4d", "staged", "tracked file", "local file, not in git". */
export const describeSightingKind = (sighting: KeySighting): string => {
  if (sighting.kind === 'history') {
    const commit = sighting.commit ? `, commit ${shortCommit(sighting.commit)}` : ''
    return `${sighting.inHead ? 'still in HEAD' : 'history only'}${commit}`
  }
  if (sighting.kind === 'index') return 'staged'
  if (sighting.exposure === 'exposed') return 'tracked file'
  if (sighting.exposure === 'stored') return 'local file git does not keep'
  return 'working tree'
}

/** Each group's badge, in the glossary's words (leaked, stored in plain text here); what to do is said beside it (SightingGroups). */
export const EXPOSURE_LOOKS: Record<SightingExposure, { title: string; tone: 'bad' | 'warn' | 'none' }> = {
  exposed: { title: 'Leaked', tone: 'bad' },
  stored: { title: 'Stored in plain text here', tone: 'warn' },
  unknown: { title: 'Not known whether leaked', tone: 'none' },
}

const EXPOSURE_ORDER: readonly SightingExposure[] = ['exposed', 'stored', 'unknown']

export interface SightingGroup {
  exposure: SightingExposure
  sightings: KeySighting[]
}

/** Exposed copies first, then stored ones, then those of unknown exposure; empty groups left out. */
export const groupByExposure = (sightings: readonly KeySighting[]): SightingGroup[] =>
  EXPOSURE_ORDER.map((exposure) => ({
    exposure,
    sightings: sightings.filter((sighting) => sighting.exposure === exposure),
  })).filter((group) => group.sightings.length > 0)

/** Each folder the places are in, once, in the order first seen. */
export const sightingFolders = (sightings: readonly KeySighting[]): string[] => [
  ...new Set(sightings.map((sighting) => sighting.folder)),
]
