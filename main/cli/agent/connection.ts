// One connection to a Keyward socket, as the CLI agent and the open app both serve it: the client
// sends one request line (size-limited, within a time), gets one answer line, and the connection ends.
// A client that stalls or sends too much is dropped without an answer.
import { chmodSync, lstatSync } from 'node:fs'
import type { Server, Socket } from 'node:net'
import { MAX_REQUEST_BYTES, REQUEST_READ_TIMEOUT_MS, encodeLine } from './wire'

export interface ConnectionOptions {
  /** Tests only: a shorter wait for a stalled client. */
  readTimeoutMs?: number
  /** One line about what happened; never a request's content. */
  log: (line: string) => void
}

/** Reads the request line, answers what `answer` makes of it, then ends the connection. */
export const serveOneRequest = (
  socket: Socket,
  options: ConnectionOptions,
  answer: (line: string) => Promise<unknown>,
): void => {
  socket.on('error', () => socket.destroy())
  const chunks: Buffer[] = []
  let size = 0
  let done = false
  // A client that stalls is dropped: it must send its whole request within the time.
  socket.setTimeout(options.readTimeoutMs ?? REQUEST_READ_TIMEOUT_MS, () => {
    if (done) return
    options.log('dropped a client that sent no whole request in time')
    socket.destroy()
  })
  socket.on('data', (chunk: Buffer) => {
    if (done) return
    size += chunk.length
    if (size > MAX_REQUEST_BYTES) {
      done = true
      options.log('dropped a client whose request was too large')
      socket.destroy()
      return
    }
    chunks.push(chunk)
    if (!chunk.includes(10)) return
    done = true
    socket.setTimeout(0)
    const text = Buffer.concat(chunks).toString('utf8')
    answer(text.slice(0, text.indexOf('\n'))).then(
      (reply) => {
        // A string is a line already encoded (the agent's kept list answer), sent as it is.
        if (!socket.destroyed) socket.end(typeof reply === 'string' ? reply : encodeLine(reply))
      },
      (error: unknown) => {
        // An answer that failed outside its job (the vault unreadable for a status): the client is let
        // go at once, not left waiting, and the process goes on; the log has the error's kind alone.
        options.log(`could not answer a request (${error instanceof Error ? error.name : typeof error})`)
        socket.destroy()
      },
    )
  })
}

/**
 * Listens on the socket path and makes the socket readable by the user alone (the folder already keeps
 * others out); answers the socket's inode, so the owner can tell later whether it was replaced.
 */
export const listenPrivately = async (server: Server, path: string): Promise<number> => {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(path, () => {
      server.off('error', reject)
      resolve()
    })
  })
  chmodSync(path, 0o600)
  return lstatSync(path).ino
}
