// app.requestSingleInstanceLock: a lock file holding the owner's pid, and a unix socket the owner
// listens on, where a later launch hands over its argv (the owner emits 'second-instance') and quits.
// Electron does the same with its SingletonLock and SingletonSocket in the user data folder.
import { mkdirSync, openSync, readFileSync, rmSync, writeSync, closeSync } from 'node:fs'
import { createConnection, createServer, type Server } from 'node:net'
import { join } from 'node:path'

export interface SecondInstance {
  argv: string[]
  workingDirectory: string
  additionalData: unknown
}

const LOCK_FILE = 'StandinSingletonLock'
const SOCKET_FILE = 'StandinSingletonSocket'

let lockPath: string | null = null
let server: Server | null = null
let handover: Promise<void> = Promise.resolve()

const isRunning = (pid: number): boolean => {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}

const takeLockFile = (path: string): boolean => {
  for (let attempt = 0; attempt < 2; attempt += 1) {
    try {
      const descriptor = openSync(path, 'wx', 0o600)
      writeSync(descriptor, String(process.pid))
      closeSync(descriptor)
      return true
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error
      const owner = Number(readFileSync(path, 'utf8'))
      if (Number.isInteger(owner) && owner > 0 && isRunning(owner)) return false
      // Left by a process that died without quitting: take it over, as Electron does.
      rmSync(path, { force: true })
    }
  }
  return false
}

/** Answers true when this process now owns the lock; false after starting the handover to the owner. */
export const claimLock = (
  userDataDirectory: string,
  additionalData: unknown,
  onSecondInstance: (instance: SecondInstance) => void,
): boolean => {
  mkdirSync(userDataDirectory, { recursive: true, mode: 0o700 })
  const socketPath = join(userDataDirectory, SOCKET_FILE)
  const candidateLock = join(userDataDirectory, LOCK_FILE)
  if (!takeLockFile(candidateLock)) {
    handover = new Promise<void>((resolveHandover) => {
      const socket = createConnection(socketPath, () => {
        socket.end(JSON.stringify({ argv: process.argv, workingDirectory: process.cwd(), additionalData }))
      })
      socket.once('close', () => resolveHandover())
      socket.once('error', () => resolveHandover())
    })
    return false
  }
  lockPath = candidateLock
  rmSync(socketPath, { force: true })
  server = createServer((socket) => {
    const chunks: Buffer[] = []
    socket.on('data', (chunk: Buffer) => chunks.push(chunk))
    socket.once('end', () => {
      try {
        const message = JSON.parse(Buffer.concat(chunks).toString('utf8')) as SecondInstance
        onSecondInstance({
          argv: message.argv,
          workingDirectory: message.workingDirectory,
          additionalData: message.additionalData,
        })
      } catch {
        // Not a launch of ours: nothing to hand over.
      }
    })
  })
  server.listen(socketPath)
  server.unref()
  return true
}

/** Waits for a handover to be delivered, then lets the next launch take the lock. */
export const releaseLock = async (): Promise<void> => {
  await handover
  if (server !== null) await new Promise<void>((resolveClose) => server!.close(() => resolveClose()))
  server = null
  if (lockPath !== null) rmSync(lockPath, { force: true })
  lockPath = null
}
