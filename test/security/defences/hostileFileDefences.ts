// Defences against files Keyward did not write (scanned repositories, .env files and templates,
// backups handed to restore), each with the test that holds it. One group of the list
// ../boundaries.ts gathers.
import type { Defence } from './defence'

export const hostileFileDefences: readonly Defence[] = [
  {
    boundary: 'backups',
    attack: 'a backup whose database was damaged behind a checksum made to match',
    defence: 'quick_check and page authentication on a staged copy before anything is replaced',
    test: {
      file: 'test/integration/vault/refusedBackups.test.ts',
      name: 'has its database damaged behind a checksum made to match',
    },
  },
  {
    boundary: 'backups',
    attack: 'a backup holding a header edited to a lower cost',
    defence: 'refused; nothing replaced',
    test: { file: 'test/integration/vault/refusedBackups.test.ts', name: 'holds a header edited to a lower cost' },
  },
  {
    boundary: 'backups',
    attack: 'a backup that is a symbolic link',
    defence: 'refused, even to a good backup',
    test: { file: 'test/integration/vault/refusedBackups.test.ts', name: 'is a symbolic link, even to a good backup' },
  },
  {
    boundary: 'textFiles',
    attack: 'a template whose output path is a link',
    defence: 'never written through a link, even with --force',
    test: {
      file: 'test/integration/cli/inject.test.ts',
      name: 'never writes through a symbolic link, even with --force',
    },
  },
  {
    boundary: 'repository',
    attack: 'a symlink loop in the tree',
    defence: 'not followed, named in the summary',
    test: { file: 'test/integration/scanner/badInput.test.ts', name: 'does not follow a symlink loop, and names it' },
  },
  {
    boundary: 'repository',
    attack: 'core.fsmonitor, gpg.program, includes, GIT_* variables, replace refs and grafts in a scanned repository',
    defence: 'every git runs with switches that win over its config, in a clean environment',
    test: {
      file: 'test/security/hostileRepository.test.ts',
      name: 'runs nothing it names, reads nothing outside, and finds what replace refs and grafts hide',
    },
  },
  {
    boundary: 'repository',
    attack: 'the same, through the pre-commit hook (--staged-only)',
    defence: 'the same runner',
    test: {
      file: 'test/security/hostileRepository.test.ts',
      name: 'with --staged-only, as the pre-commit hook runs it',
    },
  },
  {
    boundary: 'repository',
    attack: 'the same, scanned from the app',
    defence: 'the same runner; refusals shown in the summary',
    test: {
      file: 'test/security/hostileRepository.test.ts',
      name: 'runs nothing, reads nothing outside, and shows what it refused',
    },
  },
  {
    boundary: 'repository',
    attack: "alternates naming another repository's objects",
    defence: 'history and index left unread, reported as objects_outside',
    test: {
      file: 'test/security/hostileRepository.test.ts',
      name: 'reads no object of another repository its alternates name, and says so',
    },
  },
  {
    boundary: 'repository',
    attack: 'loose objects or pack folders that are links elsewhere',
    defence: 'named and refused; the pack reader opens nothing through a link',
    test: {
      file: 'test/security/packReaderBoundary.test.ts',
      name: 'names loose objects and object folders that are links elsewhere',
    },
  },
  {
    boundary: 'repository',
    attack: 'core.worktree pointing outside the folder',
    defence: 'the folder itself is scanned as a plain folder',
    test: {
      file: 'test/security/hostileRepository.test.ts',
      name: 'scans the folder itself when core.worktree puts the work tree elsewhere, reading nothing there',
    },
  },
  {
    boundary: 'repository',
    attack: 'a second module starting git without those switches',
    defence: 'git is started in one module only',
    test: { file: 'test/security/gitRunner.test.ts', name: 'starts git in one module only' },
  },
  {
    boundary: 'repository',
    attack: 'core.hooksPath pointing keyward hook install elsewhere',
    defence: 'nothing written; the message says what to add instead',
    test: {
      file: 'test/security/hookInstall.test.ts',
      name: 'writes nothing into another core.hooksPath, and says what to do instead',
    },
  },
  {
    boundary: 'repository',
    attack: 'a pre-commit hook that is a link to a file outside',
    defence: 'never written through, even with --force',
    test: {
      file: 'test/security/hookInstall.test.ts',
      name: 'never writes through a linked pre-commit, even with --force',
    },
  },
  {
    boundary: 'repository',
    attack: 'a hooks folder that is a link',
    defence: 'never written into',
    test: { file: 'test/security/hookInstall.test.ts', name: 'never writes into a hooks folder that is a link' },
  },
  {
    boundary: 'textFiles',
    attack: '.env lines named __proto__, constructor, prototype',
    defence: 'read as variables like any other',
    test: {
      file: 'test/security/envFilePrototypeNames.test.ts',
      name: 'reads each line named after an object property as that variable, with its own value',
    },
  },
  {
    boundary: 'textFiles',
    attack: 'a value that would break out of its place in an inject template',
    defence: 'refused with line, column and reference; nothing written',
    test: {
      file: 'test/security/injectTemplateBreakout.test.ts',
      name: 'refuses a line break in a .env value, naming the reference, line and column, and writes nothing',
    },
  },
  {
    boundary: 'textFiles',
    attack: 'a template of tens of thousands of references on one line',
    defence: 'read in linear time',
    test: {
      file: 'test/security/injectTemplateBreakout.test.ts',
      name: 'reads each reference of a line in its own place, the line read once',
    },
  },
]
