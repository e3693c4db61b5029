// The frame of the two screens before the vault is open: the mark, a title, one short form.
import type { ReactNode } from 'react'
import { KeywardLogo } from '../shared/KeywardLogo'

interface LockScreenLayoutProps {
  title: string
  lead: ReactNode
  children: ReactNode
  footnote?: ReactNode
}

export function LockScreenLayout({ title, lead, children, footnote }: LockScreenLayoutProps) {
  return (
    <main className="lock-screen">
      <section className="lock-card" aria-labelledby="lock-title">
        <div className="lock-brand">
          <KeywardLogo size={36} />
          <span className="lock-brand-name">Keyward</span>
        </div>
        <h1 id="lock-title" className="lock-title">
          {title}
        </h1>
        <div className="lock-lead">{lead}</div>
        {children}
      </section>
      {footnote ? <p className="lock-footnote">{footnote}</p> : null}
    </main>
  )
}
