// A scan worker: reads files, or blobs through its own `git cat-file --batch`, into the kernel's
// memory and detects secrets there (requestHandler.ts, which a small scan runs in the main thread).
// Secrets stay with the scanner; results carry hashes and masks.
// Written for Node's type stripping (no enums, type-only imports), so it runs from source in tests.
import { parentPort } from 'node:worker_threads'
import { requestHandler } from './requestHandler'
import type { WorkerReply } from './workerProtocol'

export type {
  BlobJob,
  FileJob,
  ItemResult,
  JobSummary,
  SkipReason,
  WorkerInit,
  WorkerReply,
  WorkerRequest,
} from './workerProtocol'

const port = parentPort
if (port) {
  const handle = requestHandler((message: WorkerReply): void => port.postMessage(message))
  port.on('message', handle)
}
