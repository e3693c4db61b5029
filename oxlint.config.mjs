// Lint for the whole tree (npm run lint, part of npm test; zero findings allowed), and the layer
// table: which room of main/ may import which. oxlint with its type-aware checker is used because
// the project is on TypeScript 7, which typescript-eslint does not accept (docs/architecture.md,
// "Lint and layers").

/**
 * The layers of main/, lowest first. A room may import common, the contract's types, and the rooms
 * its entry names: never one of a higher layer. Rooms in one layer import each other only where the
 * entry says so. Test code may import anything.
 */
export const LAYERS = [
  { layer: 'common', rooms: { common: [] } },
  { layer: 'rules as data', rooms: { providers: [] } },
  {
    layer: 'engines',
    rooms: {
      authtest: ['providers'],
      scanner: ['providers'],
      // The vault masks values with the providers' known prefixes (it guesses no provider: its callers
      // do, with the user's own providers too); it stores the auth tests' request slots.
      vault: ['providers', 'authtest'],
      // A previewed .env shows values masked as the vault masks them.
      envfile: ['providers', 'vault'],
      clipboard: [],
    },
  },
  {
    layer: 'services',
    rooms: {
      'key-test-service': ['providers', 'authtest', 'vault'],
      'reference-service': ['providers', 'envfile', 'vault'],
      'rotation-service': ['providers', 'authtest', 'vault', 'key-test-service'],
      'scan-service': ['scanner', 'vault', 'key-test-service', 'rotation-service'],
    },
  },
  {
    layer: 'front doors',
    rooms: {
      ipc: [
        'providers',
        'authtest',
        'envfile',
        'vault',
        'clipboard',
        'key-test-service',
        'reference-service',
        'rotation-service',
        'scan-service',
      ],
      cli: [
        'providers',
        'authtest',
        'scanner',
        'envfile',
        'vault',
        'key-test-service',
        'reference-service',
        'rotation-service',
        'scan-service',
      ],
    },
  },
  // The app serves the keyward command's protocol while unlocked (main/cli's door, index.ts).
  { layer: 'the Electron app', rooms: { app: ['ipc', 'vault', 'rotation-service', 'cli'] } },
]

const allRooms = LAYERS.flatMap(({ rooms }) => Object.keys(rooms))
const layerOf = new Map(
  LAYERS.flatMap(({ layer, rooms }, index) => Object.keys(rooms).map((room) => [room, { layer, index }])),
)

/** A relative import that lands in main/<room>, from any depth inside main/. */
const intoRoom = (room) => `^(\\.\\./)+${room}(/|$)`

/** Any text but `word` itself (the regex engine has no look-ahead). */
const anythingBut = (word) =>
  `(${[...word].map((_, index) => `${word.slice(0, index)}([^${word[index]}]|$)`).join('|')}|${word}.)`

/** A relative import into main/<room> past its door, index.ts. */
const pastTheDoor = (room) => `^(\\.\\./)+${room}/${anythingBut('index')}`

const roomRules = (room, allowed) => {
  const { layer, index } = layerOf.get(room)
  const refused = allRooms.filter((other) => other !== room && other !== 'common' && !allowed.includes(other))
  const canImport = ['common', ...allowed].join(', ')
  const patterns = refused.map((other) => {
    const target = layerOf.get(other)
    const why =
      target.index > index
        ? `${other} is in a higher layer (${target.layer})`
        : `${other} is not in its entry of the table`
    return {
      regex: intoRoom(other),
      message: `Layers: ${room} (${layer}) may import ${canImport} and the contract only; ${why}. The table is in oxlint.config.mjs.`,
    }
  })
  // Another room is entered through its door only (common has none: it is a shelf of small modules).
  const doors = allowed.map((other) => ({
    regex: pastTheDoor(other),
    message: `Layers: ${room} reaches ${other} through its door, ../${other}/index, never a file behind it.`,
  }))
  patterns.push(...doors)
  // The contract has one name everywhere: package.json's imports map #contract to preload/contract.ts.
  patterns.push({
    regex: '^(\\.\\./)+preload(/|$)',
    message: `Layers: ${room} imports the contract as '#contract' (package.json's imports), never by a path into preload/.`,
  })
  // Only the app may touch Electron: everything else runs in plain Node too.
  const electron = {
    regex: '^electron(/|$)',
    message: `Layers: ${room} runs without Electron; only main/app may import it.`,
  }
  return {
    files: [`main/${room}/**`],
    rules: { 'no-restricted-imports': ['error', { patterns: room === 'app' ? patterns : [...patterns, electron] }] },
  }
}

export default {
  plugins: ['typescript', 'unicorn', 'oxc', 'import', 'promise'],
  categories: {
    correctness: 'error',
    suspicious: 'off',
    pedantic: 'off',
    style: 'off',
    restriction: 'off',
    perf: 'off',
    nursery: 'off',
  },
  env: { browser: true, node: true, es2024: true },
  ignorePatterns: ['out/**', 'dist/**', 'build/**', 'node_modules/**', 'test/fixtures/**', 'main/scanner/native/**'],
  rules: {
    'typescript/no-floating-promises': 'error',
    'typescript/await-thenable': 'error',
    'typescript/no-explicit-any': 'error',
    // A switch over a union names every member, or says with a default what the rest do.
    'typescript/switch-exhaustiveness-check': ['error', { considerDefaultExhaustiveForUnions: true }],
    // Event handlers may be async: React ignores what they return, and each one catches its errors.
    'typescript/no-misused-promises': ['error', { checksVoidReturn: { attributes: false } }],
    'no-unused-vars': 'error',
    // better-sqlite3 is CommonJS; its default import is what esModuleInterop gives.
    'import/default': 'off',
    'import/no-cycle': ['error', { ignoreTypes: false }],
  },
  overrides: [
    ...LAYERS.flatMap(({ rooms }) => Object.entries(rooms).map(([room, allowed]) => roomRules(room, allowed))),
    {
      files: ['renderer/**'],
      plugins: ['react'],
      rules: {
        'react/rules-of-hooks': 'error',
        'react/exhaustive-deps': 'error',
        // These three check what React Compiler assumes; the renderer is not compiled with it, and a
        // draft reset when its key changes (set in an effect) is the pattern its fields use.
        'react/set-state-in-effect': 'off',
        'react/refs': 'off',
        'react/immutability': 'off',
        'no-restricted-imports': [
          'error',
          {
            patterns: [
              {
                regex: '^(\\.\\./)+(main|preload)(/|$)',
                message:
                  "Layers: the renderer imports nothing from main/ or preload/ but the contract, as '#contract'.",
              },
              {
                regex: `^#${anythingBut('contract')}`,
                message: "Layers: the renderer imports only the contract ('#contract') from outside renderer/.",
              },
              {
                regex: '^electron(/|$)',
                message: 'Layers: the renderer has no Electron; it reaches main only through window.keyward.',
              },
            ],
          },
        ],
      },
    },
  ],
}
