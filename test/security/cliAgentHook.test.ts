// The pre-commit hook with the unlocked agent: the built keyward checking a real git repository's
// staged files against the vault's own values. Shares its vault and agent with cliAgent.test.ts
// (cliAgentWorld.ts). Build first: npx electron-vite build.
import { spawnSync } from 'node:child_process'
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { GitRepository } from '../support/gitRepository'
import { BUILT_CLI } from '../integration/cli/builtCli'
import { legacyLive, temp, env, outputs, keyward, unlock, useCliAgentWorld } from './cliAgentWorld'

useCliAgentWorld()

describe('the pre-commit hook', () => {
  it(
    "finds the vault's own keys while it is unlocked, and says once that it used the rules only while locked",
    { timeout: 60_000 },
    async () => {
      const repository = GitRepository.create('keyward-agent-hook-')
      try {
        const bin = join(temp.directory, 'bin')
        mkdirSync(bin, { recursive: true })
        writeFileSync(join(bin, 'keyward'), `#!/bin/sh\nexec "${process.execPath}" "${BUILT_CLI}" "$@"\n`, {
          mode: 0o755,
        })
        const hookEnv = { ...env, PATH: `${bin}:${env.PATH}`, GIT_CONFIG_GLOBAL: '/dev/null', GIT_CONFIG_NOSYSTEM: '1' }
        expect((await keyward(['hook', 'install', repository.root])).exitCode).toBe(0)
        const commit = (file: string, text: string) => {
          repository.write(file, text).add(file)
          const result = spawnSync('git', ['commit', '-q', '-m', file], {
            cwd: repository.root,
            env: hookEnv,
            encoding: 'utf8',
          })
          outputs.push({ exitCode: result.status ?? 1, stdout: result.stdout, stderr: result.stderr })
          return result
        }

        expect((await unlock()).exitCode).toBe(0)
        const blocked = commit('notes.md', `the old token is ${legacyLive} for now\n`)
        expect(blocked.status, blocked.stderr).toBe(1)
        expect(blocked.stdout + blocked.stderr).toContain('Legacy live')

        await keyward(['lock'])
        const throughRules = spawnSync('git', ['commit', '-q', '-m', 'notes'], {
          cwd: repository.root,
          env: hookEnv,
          encoding: 'utf8',
        })
        outputs.push({ exitCode: throughRules.status ?? 1, stdout: throughRules.stdout, stderr: throughRules.stderr })
        expect(throughRules.status, throughRules.stderr).toBe(0)
        expect(throughRules.stderr).toContain(
          'the vault is locked, so this scan used the rules only (said once until the next unlock).',
        )
        const next = commit('readme.md', 'nothing secret here\n')
        expect(next.status, next.stderr).toBe(0)
        expect(next.stderr).not.toContain('the vault is locked')
      } finally {
        repository.dispose()
      }
    },
  )
})
