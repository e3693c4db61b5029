// The renderer's entry: styles, then the app into #root.
import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { App } from './components/shell/App'
import './styles/theme.css'
import './styles/base.css'
import './styles/controls.css'
import './styles/lock-screen.css'
import './styles/frame.css'
import './styles/key-list.css'
import './styles/lists.css'
import './styles/key-detail.css'
import './styles/dialogs.css'
import './styles/settings.css'
import './styles/tests.css'
import './styles/test-run.css'
import './styles/providers.css'
import './styles/rotation.css'
import './styles/scanner.css'
import './styles/sightings.css'

const root = document.getElementById('root')
if (root) {
  createRoot(root).render(
    <StrictMode>
      <App />
    </StrictMode>,
  )
}
