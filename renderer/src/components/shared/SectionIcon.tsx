// Small line icons for the sidebar sections, drawn inline (no image requests, colour from the text).
import type { Section } from '../../stores/uiStore'

export function SectionIcon({ section }: { section: Section | 'filters' }) {
  return (
    <svg className="section-icon" width="15" height="15" viewBox="0 0 16 16" aria-hidden="true" focusable="false">
      {section === 'vault' ? (
        <>
          <circle cx="5.5" cy="8" r="3" />
          <path d="M8.5 8H14.5M12.5 8v2.5M14.5 8v2" />
        </>
      ) : section === 'tests' ? (
        <>
          <path d="M2 8.5h2.5l1.5-4 2.5 8 2-6 1 2h2.5" />
        </>
      ) : section === 'rotation' ? (
        <>
          <path d="M13 7.5A5 5 0 0 0 4 4.5L2.8 5.8M3 8.5a5 5 0 0 0 9 3l1.2-1.3" />
          <path d="M2.5 2.8v3.2h3.2M13.5 13.2V10h-3.2" />
        </>
      ) : section === 'filters' ? (
        <>
          <path d="M2.5 3.5h11l-4.25 5v4.5l-2.5-1.25V8.5z" />
        </>
      ) : section === 'scanner' ? (
        <>
          <circle cx="7" cy="7" r="4.25" />
          <path d="M10.2 10.2l3.6 3.6M5 7h4" />
        </>
      ) : (
        <>
          <path d="M2.5 4.5h11M2.5 8h11M2.5 11.5h11" />
          <circle cx="5.5" cy="4.5" r="1.4" className="section-icon-fill" />
          <circle cx="10.5" cy="8" r="1.4" className="section-icon-fill" />
          <circle cx="7" cy="11.5" r="1.4" className="section-icon-fill" />
        </>
      )}
    </svg>
  )
}
