// Where a key's values were seen, grouped by exposure (format/keySightings.ts): each group's badge and
// what to do, then its places (folder/path:line, what kind of copy, when seen). Used by the key's
// detail ("Found in") and the rotate flow's "Update services" step. Places and kinds only: no value.
import type { ReactNode } from 'react'
import type { KeySighting } from '#contract'
import type { SightingExposure } from '../../format/keySightings'
import { copyKeyReference } from '../../actions/copyKeyAs'
import { formatDate } from '../../format/describeTime'
import {
  describeSightingKind,
  EXPOSURE_LOOKS,
  groupByExposure,
  sightingFullPlace,
  sightingPlace,
} from '../../format/keySightings'

/** Places listed per group; the rest are counted. */
const PLACES_SHOWN = 12

/** What the copies of each group are, and what to do about them. */
const ADVICE: Record<SightingExposure, ReactNode> = {
  exposed: (
    <>
      Tracked, staged or committed: anyone with the repository has this value. Rotate the key because of these, then
      take the value out of the files.
    </>
  ),
  stored: (
    <>
      In git-ignored or untracked local files: not leaked, but anything that reads this disk can read it. Put a{' '}
      <code>keyward://</code> reference in its place, or start the program with <code>keyward run</code>.
    </>
  ),
  unknown: <>Seen before Keyward recorded whether others could read it there. Scan the folder again to tell.</>,
}

interface SightingGroupsProps {
  keyId: string
  sightings: readonly KeySighting[]
  /** The groups' heading level: under an h3 section, 4; under an h4, 5. */
  headingLevel: 4 | 5
  /** Each place says which version it held (the key has had several). */
  showVersions: boolean
}

export function SightingGroups({ keyId, sightings, headingLevel, showVersions }: SightingGroupsProps) {
  const Heading = headingLevel === 4 ? 'h4' : 'h5'
  return (
    <div className="sighting-groups">
      {groupByExposure(sightings).map(({ exposure, sightings: places }) => {
        const look = EXPOSURE_LOOKS[exposure]
        const headingId = `sightings-${keyId}-${exposure}`
        return (
          <div key={exposure} className="sighting-group" data-exposure={exposure}>
            <div className="sighting-group-head">
              <Heading id={headingId} className="sighting-group-title">
                <span className={`outcome-badge outcome-badge-small tone-${look.tone}`}>{look.title}</span>
                <span className="sighting-group-count">{places.length}</span>
              </Heading>
              {exposure === 'stored' ? (
                <button
                  type="button"
                  className="link-button"
                  title="keyward://… for a .env or template: keyward run and keyward inject fill it in"
                  onClick={() => void copyKeyReference(keyId)}
                >
                  Copy reference
                </button>
              ) : null}
            </div>
            <p className="sighting-group-advice">{ADVICE[exposure]}</p>
            <ul className="sighting-list" aria-labelledby={headingId}>
              {places.slice(0, PLACES_SHOWN).map((sighting, index) => (
                <li key={`${sighting.folder}-${sighting.kind}-${sighting.path}-${sighting.line}-${index}`}>
                  <span className="mono" title={sightingFullPlace(sighting)}>
                    {sightingPlace(sighting)}
                  </span>
                  <span className="muted">
                    {showVersions ? `v${sighting.version} · ` : ''}
                    {describeSightingKind(sighting)} · seen {formatDate(sighting.foundAt)}
                  </span>
                </li>
              ))}
              {places.length > PLACES_SHOWN ? <li className="muted">and {places.length - PLACES_SHOWN} more</li> : null}
            </ul>
          </div>
        )
      })}
    </div>
  )
}
