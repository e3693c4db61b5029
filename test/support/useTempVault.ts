// A vault's place for each test: a fresh temporary folder and the vault path in it, made before each
// test; after it, the vaults the test opened (tracked) are closed, then the folder is removed.
import { afterEach, beforeEach } from 'vitest'
import { makeTempDirectory, openedVaults, tempVaultPath } from './tempVault'

export const useTempVault = (label?: string) => {
  let current: { temp: ReturnType<typeof makeTempDirectory>; vaultPath: string } | undefined
  const place = () => {
    if (!current) throw new Error('the temporary vault exists only inside a test')
    return current
  }
  const { track, closeAll, forget } = openedVaults()
  beforeEach(() => {
    const temp = makeTempDirectory(label)
    current = { temp, vaultPath: tempVaultPath(temp.directory) }
  })
  afterEach(() => {
    closeAll()
    place().temp.cleanup()
    current = undefined
  })
  return {
    get temp() {
      return place().temp
    },
    get vaultPath() {
      return place().vaultPath
    },
    track,
    /** Closes the tracked vaults now, for a test that goes on with the files closed. */
    closeAll,
    forget,
  }
}
