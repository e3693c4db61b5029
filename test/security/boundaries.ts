// Every trust boundary Keyward has, the attacks tried against each, and the test that holds each
// defence: the one list docs/security.md's threat model points to, gathered from its groups in
// defences/. boundaries.test.ts keeps it true (each test named here exists by that name in that file).
// A test listed here was seen to fail with its defence removed, once, when the defence was written;
// the commit that added it says how.
import type { Defence } from './defences/defence'
import { hostileFileDefences } from './defences/hostileFileDefences'
import { localProcessDefences } from './defences/localProcessDefences'
import { rendererDefences } from './defences/rendererDefences'
import { vaultAndProviderDefences } from './defences/vaultAndProviderDefences'

export { BOUNDARIES, type Boundary, type Defence } from './defences/defence'

export const DEFENCES: readonly Defence[] = [
  ...rendererDefences,
  ...vaultAndProviderDefences,
  ...hostileFileDefences,
  ...localProcessDefences,
]
