// The rotation calendar is written by the one private-file writer: a symbolic link planted where the
// calendar goes (by another local user, or a hostile repository's checkout) is refused, never followed.
import { lstatSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, beforeEach, expect, it } from 'vitest'
import { exportCalendar } from '../../main/rotation-service/index'
import { fakeKeys } from '../support/fakeKeys'
import { guessed } from '../support/guessedKey'
import { createRotationWorld, type RotationWorld } from '../integration/rotation-service/rotationKit'

let world: RotationWorld
beforeEach(async () => {
  world = await createRotationWorld()
})
afterEach(() => world.cleanup())

it('refuses a link planted at the calendar path, and leaves its target untouched', () => {
  world.vault().keys.add(guessed({ name: 'Airclou prod', value: fakeKeys.airclouLive() }))
  const victim = join(world.directory, 'victim.txt')
  writeFileSync(victim, 'export PATH=$HOME/bin:$PATH\n')
  const path = join(world.directory, 'keyward-rotation.ics')
  symlinkSync(victim, path)
  expect(() => exportCalendar(world.vault(), path, world.clock.now())).toThrow(
    /is a symbolic link; Keyward does not write secrets through links/,
  )
  expect(readFileSync(victim, 'utf8')).toBe('export PATH=$HOME/bin:$PATH\n')
  expect(lstatSync(path).isSymbolicLink()).toBe(true)
})
