// The one Content-Security-Policy of the renderer. main/app/appProtocol.ts sends it as a header on
// every app:// response; renderer/index.html repeats it in a meta tag, and a test holds the two equal.
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ')
