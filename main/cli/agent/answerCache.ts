// The agent's last list answer, kept as the line it sent: `keyward list` asked again of an unchanged
// vault is answered without reading 10,000 rows and encoding 4 MB of JSON again. The vault's change
// mark (KeyStore.changeMark: this connection's writes, other connections' commits) is read before
// the job, so a change made while it ran drops the line at the next request. Only masked keys are
// kept, which the agent gives any command of this user anyway.
import type { OpenVault } from '../../vault/index'

export interface AnswerCache {
  /** The line kept for this request on the vault as it is now, or undefined. */
  lookup(job: string, input: unknown): { line?: string; keep: (line: string) => string }
}

/** Jobs whose answer depends on the vault's rows and the request alone (no clock, no audit entry). */
const CACHED_JOBS: ReadonlySet<string> = new Set(['list'])

export const createAnswerCache = (vault: OpenVault): AnswerCache => {
  let kept: { request: string; mark: string; line: string } | null = null
  return {
    lookup(job, input) {
      if (!CACHED_JOBS.has(job)) return { keep: (line) => line }
      const request = `${job}:${JSON.stringify(input)}`
      const mark = vault.keys.changeMark()
      const line = kept && kept.request === request && kept.mark === mark ? kept.line : undefined
      return {
        line,
        keep: (fresh) => {
          kept = { request, mark, line: fresh }
          return fresh
        },
      }
    },
  }
}
