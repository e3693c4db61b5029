// The keyboard at a glance, shown where a key's detail will be until one is selected.
const MODIFIER = /Mac|iPhone|iPad/.test(navigator.userAgent) ? '⌘' : 'Ctrl'

const SHORTCUTS: [keys: string[], what: string][] = [
  [['/'], 'Search'],
  [['↑', '↓'], 'Move through keys'],
  [['Enter'], 'Open the selected key'],
  [[MODIFIER, 'C'], 'Copy the selected key'],
  [['T'], 'Test the selected key'],
  [[MODIFIER, 'N'], 'Add a key'],
  [[MODIFIER, '1–5'], 'Go to a section'],
  [[MODIFIER, 'L'], 'Lock the vault'],
  [['Esc'], 'Close a dialog'],
]

export function ShortcutHelp() {
  return (
    <section className="shortcut-help" aria-labelledby="shortcut-help-title">
      <h2 id="shortcut-help-title" className="detail-section-title">
        Keyboard
      </h2>
      <dl className="shortcut-list">
        {SHORTCUTS.map(([keys, what]) => (
          <div key={what} className="shortcut-row">
            <dt>
              {keys.map((key) => (
                <kbd key={key}>{key}</kbd>
              ))}
            </dt>
            <dd>{what}</dd>
          </div>
        ))}
      </dl>
    </section>
  )
}
