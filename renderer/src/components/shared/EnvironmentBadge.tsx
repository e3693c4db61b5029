// The environment of a key: live stands out in a warm colour, test stays calm, other is neutral.
import type { Environment } from '#contract'

export function EnvironmentBadge({ environment }: { environment: Environment }) {
  return <span className={`environment-badge environment-${environment}`}>{environment}</span>
}
