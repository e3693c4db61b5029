// Keyward's mark: a key inside a shield, drawn inline so it needs no image request.
export function KeywardLogo({ size = 28 }: { size?: number }) {
  return (
    <svg className="keyward-logo" width={size} height={size} viewBox="0 0 32 32" aria-hidden="true" focusable="false">
      <path
        className="keyward-logo-shield"
        d="M16 2.5 27 6.6v8.1c0 7.2-4.6 12.4-11 14.8C9.6 27.1 5 21.9 5 14.7V6.6L16 2.5Z"
      />
      <circle className="keyward-logo-key" cx="16" cy="12.5" r="3.6" />
      <path className="keyward-logo-key" d="M14.6 15.6h2.8v8.2h-2.8zM17.4 19.2h2.4v2.2h-2.4z" />
    </svg>
  )
}
