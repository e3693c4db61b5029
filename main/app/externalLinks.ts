// Where a link in the window may lead. The window itself only ever shows the app's own pages; a few
// well-known https sites (provider dashboards, where keys are rotated) open in the user's browser.
import { isAppUrl, type TrustedOriginOptions } from '../ipc/index'

/** Exact host names (no wildcards) that links may open in the system browser. */
export const EXTERNAL_LINK_HOSTS: readonly string[] = [
  'github.com',
  'dashboard.stripe.com',
  'console.aws.amazon.com',
  'api.slack.com',
]

const parseUrl = (text: string): URL | null => {
  try {
    return new URL(text)
  } catch {
    return null
  }
}

/** True for a plain https URL on an allowlisted host: no credentials, no port, no other scheme. */
export const isAllowedExternalLink = (url: string, allowedHosts: readonly string[] = EXTERNAL_LINK_HOSTS): boolean => {
  const parsed = parseUrl(url)
  if (parsed === null) return false
  if (parsed.protocol !== 'https:' || parsed.username !== '' || parsed.password !== '') return false
  if (parsed.port !== '') return false
  return allowedHosts.includes(parsed.hostname)
}

/** The window may navigate only to the app's own pages (never to remote content). */
export const isAllowedNavigation = (url: string, options: TrustedOriginOptions = {}): boolean => isAppUrl(url, options)

export interface WindowOpenDecision {
  action: 'deny'
  /** Open the URL in the system browser instead (allowlisted https links only). */
  openExternally: boolean
}

/** window.open and target=_blank never create a window; allowlisted links go to the browser. */
export const decideWindowOpen = (
  url: string,
  allowedHosts: readonly string[] = EXTERNAL_LINK_HOSTS,
): WindowOpenDecision => ({ action: 'deny', openExternally: isAllowedExternalLink(url, allowedHosts) })
