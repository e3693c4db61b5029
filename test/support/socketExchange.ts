// One exchange with a local socket as a hostile client makes it: send raw bytes (or nothing), then
// collect everything written back until the server closes the connection. A reset or broken pipe is
// the server hanging up on a bad client, so it answers what came before it rather than failing.
import type { Socket } from 'node:net'

export const socketExchange = (connection: Socket, bytes: string | Buffer | null): Promise<string> =>
  new Promise((resolve, reject) => {
    let answer = ''
    connection.setEncoding('utf8').on('data', (text: string) => (answer += text))
    connection.on('error', (error: NodeJS.ErrnoException) =>
      error.code === 'ECONNRESET' || error.code === 'EPIPE' ? resolve(answer) : reject(error),
    )
    connection.on('close', () => resolve(answer))
    if (bytes !== null) connection.write(bytes)
  })
