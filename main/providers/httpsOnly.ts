// Where a key may be sent, as a URL: https:// only, with no user name or password in it. One rule for
// a provider's base URL, a key's verify URL and a custom provider's definition, whether the app, the
// CLI or the verify request itself checks it (each caller picks its own error code).

export type HttpsUrlCheck =
  | { url: URL; problem?: undefined; kind?: undefined }
  | { url?: undefined; problem: string; kind: 'not_url' | 'not_https' | 'credentials' }

/** `what` starts the sentence of the problem: "A base URL", "The verify URL". */
export const checkHttpsUrl = (text: string, what: string): HttpsUrlCheck => {
  let url: URL
  try {
    url = new URL(text)
  } catch {
    return { kind: 'not_url', problem: `${what} "${text}" is not a URL.` }
  }
  if (url.protocol !== 'https:') {
    return { kind: 'not_https', problem: `${what} must start with https://: Keyward never sends a key in the clear.` }
  }
  // A user name or password in the URL would go to the host with every key: never.
  if (url.username || url.password) {
    return { kind: 'credentials', problem: `${what} must not carry a user name or password.` }
  }
  return { url }
}

export const isHttpsUrl = (text: string): boolean => checkHttpsUrl(text, 'The URL').url !== undefined
