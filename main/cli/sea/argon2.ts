// Stands in for @node-rs/argon2 inside the single executable: the same functions, from argon2.node
// beside the executable (its own loader looks in node_modules, which the executable has none of).
import type * as Argon2 from '@node-rs/argon2'
import { NATIVE_PARTS, loadNativePart } from '../../common/singleExecutable'

const argon2 = (): typeof Argon2 => loadNativePart<typeof Argon2>(NATIVE_PARTS.argon2)

export const hashRaw: typeof Argon2.hashRaw = (...args) => argon2().hashRaw(...args)
