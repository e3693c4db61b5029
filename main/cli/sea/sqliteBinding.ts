// Stands in for better-sqlite3-multiple-ciphers' lib/binding.js inside the single executable: the
// addon is better_sqlite3.node beside the executable, not a prebuild inside node_modules.
import { NATIVE_PARTS, loadNativePart } from '../../common/singleExecutable'

export const getBinding = (nativeBinding?: object | null): object =>
  nativeBinding ?? loadNativePart<object>(NATIVE_PARTS.sqlite)
