// The rules for adding and changing a key that the app and the CLI share, on a real vault: guessed
// fields, a plan or scheme written as the provider's ids and checked, a taken name, the question
// before a key goes somewhere new, and a value asked for only once the change is allowed.
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import {
  addKey,
  checkNewKeyBeforeValue,
  settleTestFields,
  touchesTestFields,
  updateKey,
  widerReachOf,
  type AskBeforeWiderReach,
  type ReachChange,
} from '../../../main/key-test-service/index'
import { KeywardError } from '../../../main/common/errors'
import { createVault, type OpenVault } from '../../../main/vault/index'
import { acmeProvider } from '../../support/customProvider'
import { fakeKeys } from '../../support/fakeKeys'
import { TEST_KDF_COST, makeTempDirectory, tempVaultPath } from '../../support/tempVault'

let temp: ReturnType<typeof makeTempDirectory>
let vault: OpenVault

beforeEach(async () => {
  temp = makeTempDirectory('keyward-key-changes-')
  vault = await createVault(tempVaultPath(temp.directory), 'password one', { kdfCost: TEST_KDF_COST })
})
afterEach(() => {
  vault.close()
  temp.cleanup()
})

/** A way of asking that keeps every question and gives the answer the test chose. */
const askingWith = (allow: boolean) => {
  const asked: { change: ReachChange; words: string; widens: boolean }[] = []
  const ask: AskBeforeWiderReach = async (askedVault, change, words) => {
    const widens = widerReachOf(askedVault, change) !== null
    asked.push({ change, words: words.change, widens })
    if (widens && !allow) throw new KeywardError('not_confirmed', 'declined')
  }
  return { ask, asked }
}

const acme = acmeProvider

describe('settleTestFields', () => {
  const clodura = { provider: 'clodura', plan: null, authScheme: null, verifyUrl: null }

  it("writes a plan given by its name and a scheme in another case as the provider's ids", () => {
    expect(settleTestFields(vault, clodura, { plan: ' Starter ' })).toEqual({ plan: 'starter' })
    expect(settleTestFields(vault, { ...clodura, provider: 'airclou' }, { authScheme: 'BEARER' })).toEqual({
      authScheme: 'bearer',
    })
  })

  it('refuses what the provider does not have, and says nothing was changed', () => {
    expect(() => settleTestFields(vault, { ...clodura, plan: 'platinum' }, { plan: 'platinum' })).toThrow(
      /^"platinum" is not one of Clodura's plans: .*\. Nothing was changed\.$/,
    )
    expect(() => settleTestFields(vault, { ...clodura, verifyUrl: 'https://evil.example/steal' }, {})).toThrow(
      'Keyward sends Clodura keys only to api.clodura.ai; evil.example is not one of them. Nothing was changed.',
    )
    expect(() => settleTestFields(vault, { ...clodura, provider: null, plan: 'starter' }, { plan: 'starter' })).toThrow(
      'Choose a provider before a plan or a header scheme. Nothing was changed.',
    )
  })

  it('quotes a refused plan or scheme with its control characters escaped, so it cannot rewrite a terminal', () => {
    const plan = 'gold\u001b[2J\r'
    expect(() => settleTestFields(vault, { ...clodura, plan }, { plan })).toThrow(/^"gold\\x1b\[2J\\r" is not one of/)
    const authScheme = 'x\u009bevil'
    expect(() => settleTestFields(vault, { ...clodura, authScheme }, { authScheme })).toThrow(
      /^"x\\x9bevil" is not one of Clodura's header schemes/,
    )
  })
})

describe('touchesTestFields', () => {
  it('is true for a provider, plan, scheme or verify URL, even one cleared; not for the rest', () => {
    for (const fields of [{ provider: null }, { plan: 'starter' }, { authScheme: null }, { verifyUrl: null }])
      expect(touchesTestFields(fields)).toBe(true)
    expect(touchesTestFields({ name: 'A', notes: 'x', tags: [], provider: undefined })).toBe(false)
  })
})

describe('addKey', () => {
  it("guesses what was not given from the value, with the user's own providers too", () => {
    vault.providers.saveCustom('acme', JSON.stringify(acme))
    const { record, guess } = addKey(vault, { name: 'Acme prod', value: `acme_live_${fakeKeys.cloro()}` })
    expect(record).toMatchObject({ provider: 'acme', environment: 'live', envVar: 'ACME_KEY' })
    expect(guess.provider).toBe('acme')
    // Given fields win, null included: no provider means none, not "guess one".
    expect(addKey(vault, { name: 'Plain', value: fakeKeys.clipiaLive(), provider: null }).record.provider).toBeNull()
  })

  it("writes a provider given by its name, the user's own included, as its id; one Keyward does not know stays as given", async () => {
    vault.providers.saveCustom('acme', JSON.stringify(acme))
    expect(addKey(vault, { name: 'A', value: fakeKeys.cloro(), provider: 'Acme' }).record.provider).toBe('acme')
    expect(addKey(vault, { name: 'C', value: fakeKeys.cloro(), provider: ' Clipia ' }).record.provider).toBe('clipia')
    const other = addKey(vault, { name: 'O', value: fakeKeys.cloro(), provider: 'Nobody' }).record
    expect(other.provider).toBe('Nobody')
    const changed = await updateKey(() => vault, other.id, { provider: 'ACME' }, { ask: askingWith(false).ask })
    expect(changed.after.provider).toBe('acme')
  })

  it('checks the plan and scheme against the provider the key ends up with, guessed or given', () => {
    expect(
      addKey(vault, { name: 'Airclou', value: fakeKeys.airclouLive(), authScheme: 'Bearer' }).record,
    ).toMatchObject({ provider: 'airclou', authScheme: 'bearer' })
    expect(() => addKey(vault, { name: 'Clipia', value: fakeKeys.clipiaLive(), plan: 'platinum' })).toThrow(
      /is not one of Clipia's plans|Clipia has no plans/,
    )
    expect(vault.keys.count()).toBe(1)
  })

  it('names another key that holds the same value', () => {
    const value = fakeKeys.clipiaLive()
    expect(addKey(vault, { name: 'First', value }).sameValueAs).toBeNull()
    expect(addKey(vault, { name: 'Second', value }).sameValueAs).toBe('First')
  })
})

describe('checkNewKeyBeforeValue', () => {
  it("refuses a taken name (in any case) with the front door's hint, and a plan the given provider lacks", () => {
    addKey(vault, { name: 'Clipia prod', value: fakeKeys.clipiaLive() })
    expect(() =>
      checkNewKeyBeforeValue(vault, { name: 'clipia PROD' }, 'or change that key with "keyward edit"'),
    ).toThrow(
      'A key named "Clipia prod" is already in the vault. Choose another name, or change that key with "keyward edit".',
    )
    expect(() => checkNewKeyBeforeValue(vault, { name: 'New', provider: 'clodura', plan: 'platinum' })).toThrow(
      /not one of Clodura's plans/,
    )
    // Without the provider, the plan waits for the guess from the value.
    expect(() => checkNewKeyBeforeValue(vault, { name: 'New', plan: 'platinum' })).not.toThrow()
  })
})

describe('updateKey', () => {
  const cloroKey = () => addKey(vault, { name: 'Cloro', value: fakeKeys.cloro(), provider: 'cloro' }).record

  it('asks before a verify URL sends the key to a new host; declined, nothing changes and no value is asked for', async () => {
    const key = cloroKey()
    const { ask, asked } = askingWith(false)
    let valueAsked = false
    const newValue = async () => {
      valueAsked = true
      return fakeKeys.cloro()
    }
    await expect(
      updateKey(() => vault, key.id, { verifyUrl: 'https://api.cloro.dev/v1/me' }, { ask, newValue }),
    ).rejects.toMatchObject({ code: 'not_confirmed' })
    expect(asked).toEqual([
      {
        change: { key: { id: key.id, fields: expect.objectContaining({ verifyUrl: 'https://api.cloro.dev/v1/me' }) } },
        words: 'Test "Cloro" with cloro at https://api.cloro.dev/v1/me',
        widens: true,
      },
    ])
    expect(valueAsked).toBe(false)
    expect(vault.keys.get(key.id)).toMatchObject({ verifyUrl: null, versionCount: 1 })
  })

  it('allowed, writes the change and the value asked for after, with the plan as its id', async () => {
    const key = addKey(vault, { name: 'Clodura', value: fakeKeys.clodura(), provider: 'clodura' }).record
    const { ask } = askingWith(true)
    const changed = await updateKey(
      () => vault,
      key.id,
      { plan: 'Starter' },
      {
        ask,
        newValue: async () => fakeKeys.clodura(),
      },
    )
    expect(changed.changes).toMatchObject({ plan: 'starter' })
    expect(changed.before.versionCount).toBe(1)
    expect(changed.after).toMatchObject({ plan: 'starter', versionCount: 2 })
  })

  it('asks nothing, and checks nothing, for a change that leaves what a test needs alone', async () => {
    const key = addKey(vault, { name: 'Clodura', value: fakeKeys.clodura(), provider: 'clodura' }).record
    // A stored plan the provider does not have (written past the rules) would be refused if checked:
    // a rename must still pass.
    vault.keys.update(key.id, { plan: 'gold' })
    const { ask, asked } = askingWith(false)
    const changed = await updateKey(() => vault, key.id, { name: 'Clodura main', notes: 'edited' }, { ask })
    expect(asked).toEqual([])
    expect(changed.after).toMatchObject({ name: 'Clodura main', notes: 'edited', plan: 'gold' })
  })

  it('checks before asking: a misfit is refused without a question', async () => {
    const key = addKey(vault, { name: 'Clodura', value: fakeKeys.clodura(), provider: 'clodura' }).record
    const { ask, asked } = askingWith(true)
    await expect(updateKey(() => vault, key.id, { verifyUrl: 'https://evil.example/steal' }, { ask })).rejects.toThrow(
      /only to api\.clodura\.ai/,
    )
    expect(asked).toEqual([])
  })

  it('asks for the vault again after the question: locked meanwhile, nothing is written', async () => {
    const key = cloroKey()
    let locked = false
    const vaultNow = () => {
      if (locked) throw new KeywardError('vault_locked', 'The vault is locked.')
      return vault
    }
    const ask: AskBeforeWiderReach = async () => {
      locked = true
    }
    await expect(
      updateKey(vaultNow, key.id, { verifyUrl: 'https://api.cloro.dev/v1/me' }, { ask }),
    ).rejects.toMatchObject({ code: 'vault_locked' })
    expect(vault.keys.get(key.id).verifyUrl).toBeNull()
  })
})
