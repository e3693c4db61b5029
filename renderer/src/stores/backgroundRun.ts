// A run main does in the background (Test all, a scan) as a store follows it: polled while it runs
// (main sends no events), and every answer that arrives after the vault locked (reset) dropped.
import type { Result } from '#contract'

interface FollowOptions<Status extends { state: string }> {
  intervalMs: number
  /** Main's status of the run (null: none yet). */
  fetchStatus: () => Promise<Result<Status | null>>
  /** A status to show: the store's own bookkeeping around it (lists to refresh, results to load). */
  accept: (status: Status | null) => void
  /** Why a call about the run failed, in main's words. */
  fail: (message: string) => void
}

export interface BackgroundRun<Status> {
  /** Asks main for the run's status (on a poll, or when a window opens while a run goes on). */
  refresh: () => Promise<void>
  /** Sends a call that answers the run's status (start, cancel) and follows that answer. */
  act: (call: () => Promise<Result<Status | null>>) => Promise<boolean>
  /** A token for a call of the store's own: current(token) says whether its answer still counts. */
  token: () => number
  current: (token: number) => boolean
  /** The vault locked: stop polling and drop what is still on its way. */
  reset: () => void
}

export const followBackgroundRun = <Status extends { state: string }>(
  options: FollowOptions<Status>,
): BackgroundRun<Status> => {
  let timer: ReturnType<typeof setTimeout> | null = null
  let generation = 0
  const stop = () => {
    if (timer) clearTimeout(timer)
    timer = null
  }
  const take = (status: Status | null) => {
    options.accept(status)
    stop()
    if (status?.state === 'running') timer = setTimeout(() => void refresh(), options.intervalMs)
  }
  const refresh = async () => {
    const started = generation
    const result = await options.fetchStatus()
    if (started !== generation) return
    if (!result.ok) {
      // The vault may have locked under the run; the status poll takes the window to the lock screen.
      stop()
      options.fail(result.error.message)
      return
    }
    take(result.value)
  }
  return {
    refresh,
    act: async (call) => {
      const started = generation
      const result = await call()
      if (started !== generation) return false
      if (!result.ok) {
        options.fail(result.error.message)
        return false
      }
      take(result.value)
      return true
    },
    token: () => generation,
    current: (token) => token === generation,
    reset: () => {
      generation++
      stop()
    },
  }
}
