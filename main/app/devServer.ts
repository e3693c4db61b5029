// The electron-vite dev server URL, trusted only in an unpackaged (development) run and only on the
// loopback interface. A packaged app never loads http(s): this answers null there.
const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]'])

export const parseDevServerUrl = (value: string | undefined, isPackaged: boolean): string | null => {
  if (isPackaged || value === undefined || value === '') return null
  let parsed: URL
  try {
    parsed = new URL(value)
  } catch {
    return null
  }
  if (parsed.protocol !== 'http:' || !LOOPBACK_HOSTS.has(parsed.hostname)) return null
  if (parsed.username !== '' || parsed.password !== '') return null
  return parsed.href
}
