// Who is on the other end of a connection to the open app's socket, found by the app itself (never
// taken from the client's word), on Linux: the peer socket's inode from the kernel's socket table
// (ss, by its absolute path), the process holding it from /proc/PID/fd, and from /proc/PID/stat its
// session: the terminal tab's shell session a command runs in. "Allow this terminal" remembers that
// session, named by its leader's pid and start time so a reused pid is another session. Where any of
// this cannot be told (another platform, no ss, a session leader gone), the app offers "Allow once" only.
import { execFile } from 'node:child_process'
import { existsSync, fstatSync, readFileSync, readdirSync, readlinkSync } from 'node:fs'
import type { Socket } from 'node:net'

export interface PeerProcess {
  pid: number
  /** The process's working folder, as /proc says. */
  folder: string | null
  /** Its command line, as /proc says (for the prompt's detail; a process can write its own). */
  commandLine: string
  /** "session 812 started at 4417": null when the session's leader is gone. */
  session: string | null
}

const SS_CANDIDATES = ['/usr/bin/ss', '/bin/ss', '/usr/sbin/ss', '/sbin/ss']
const MAX_COMMAND_LINE = 300

/** The file descriptor under a connected net.Socket (a Unix socket has one on Linux). */
const descriptorOf = (socket: Socket): number | null => {
  const handle = (socket as unknown as { _handle?: { fd?: unknown } })._handle
  return typeof handle?.fd === 'number' && handle.fd >= 0 ? handle.fd : null
}

const run = (file: string, args: string[]): Promise<string> =>
  new Promise((resolve, reject) =>
    execFile(file, args, { timeout: 5_000, maxBuffer: 16 * 1024 * 1024 }, (error, stdout) =>
      error ? reject(error) : resolve(stdout),
    ),
  )

/** Where ss is, looked up on the first request that asks values rather than on every one. */
let ssPath: string | null | undefined
const ssProgram = (): string | null => (ssPath ??= SS_CANDIDATES.find((candidate) => existsSync(candidate)) ?? null)

/** The inode of the other end of our socket, from the kernel's list of Unix sockets. */
const peerInodeOf = async (ownInode: number): Promise<number | null> => {
  const ss = ssProgram()
  if (ss === null) return null
  const table = await run(ss, ['-x', '-H', '-n'])
  for (const line of table.split('\n')) {
    // "u_str ESTAB 0 0 /path/app-….sock 153205 * 153204": read from the end, a path may hold spaces.
    const fields = line.trim().split(/\s+/)
    if (fields.length >= 4 && fields.at(-3) === String(ownInode)) {
      const peer = Number(fields.at(-1))
      return Number.isSafeInteger(peer) && peer > 0 ? peer : null
    }
  }
  return null
}

/**
 * The process (of this user: others' fd folders cannot be read) holding the socket inode. Newest pids
 * first, the first found: the command that just connected is almost always among the newest, and a
 * scan of every process's descriptors costs tens of milliseconds. Taking the first holder gives an
 * attacker nothing: every process holding the client's socket descends from the process that made it
 * (Node marks sockets close-on-exec), so its session is one the client itself could already run in.
 */
const processHolding = (inode: number): number | null => {
  const target = `socket:[${inode}]`
  const pids = readdirSync('/proc')
    .filter((entry) => /^\d+$/.test(entry))
    .map(Number)
    .sort((first, second) => second - first)
  for (const pid of pids) {
    let descriptors: string[]
    try {
      descriptors = readdirSync(`/proc/${pid}/fd`)
    } catch {
      continue
    }
    for (const descriptor of descriptors) {
      try {
        if (readlinkSync(`/proc/${pid}/fd/${descriptor}`) === target) return pid
      } catch {
        // closed meanwhile
      }
    }
  }
  return null
}

/** Fields of /proc/PID/stat after the command name (which may hold spaces and parentheses). */
const statFields = (pid: number): string[] | null => {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')
  } catch {
    return null
  }
}

const SESSION = 3
const START_TIME = 19

/** The process's session, named by its leader and the leader's start time (null: the leader is gone). */
export const sessionOf = (pid: number): string | null => {
  const sessionId = Number(statFields(pid)?.[SESSION])
  if (!Number.isSafeInteger(sessionId) || sessionId <= 0) return null
  const leaderStart = statFields(sessionId)?.[START_TIME]
  return leaderStart === undefined ? null : `session ${sessionId} started at ${leaderStart}`
}

const readOr = <Value>(read: () => Value, fallback: Value): Value => {
  try {
    return read()
  } catch {
    return fallback
  }
}

/** The process at the other end of the connection, or null when the platform cannot tell. */
export const peerProcessOf = async (socket: Socket): Promise<PeerProcess | null> => {
  if (process.platform !== 'linux') return null
  const descriptor = descriptorOf(socket)
  if (descriptor === null) return null
  try {
    const peerInode = await peerInodeOf(fstatSync(descriptor).ino)
    if (peerInode === null) return null
    const pid = processHolding(peerInode)
    if (pid === null) return null
    return {
      pid,
      folder: readOr(() => readlinkSync(`/proc/${pid}/cwd`), null),
      commandLine: readOr(
        () =>
          readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean).join(' ').slice(0, MAX_COMMAND_LINE),
        '',
      ),
      session: sessionOf(pid),
    }
  } catch {
    return null
  }
}
