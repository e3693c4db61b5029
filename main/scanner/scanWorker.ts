// A scan worker: reads files, or blobs through its own `git cat-file --batch`, into the kernel's
// memory and detects secrets there. Secrets stay in this thread; results carry hashes and masks.
// Written for Node's type stripping (no enums, type-only imports), so it runs from source in tests.
import { parentPort } from 'node:worker_threads'
import { BlobReader } from './blobReader'
import { Scanner } from './itemScanner'
import { addResult, emptySummary, type ItemResult, type WorkerReply, type WorkerRequest } from './workerProtocol'

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
  let scanner: Scanner | null = null
  const readers = new Map<string, BlobReader>()
  const reply = (message: WorkerReply): void => port.postMessage(message)
  port.on('message', (request: WorkerRequest) => {
    try {
      if (request.type === 'init') {
        scanner = new Scanner(request)
      } else if (request.type === 'files') {
        const summary = emptySummary()
        const results: ItemResult[] = []
        for (const file of request.files)
          addResult(
            summary,
            results,
            scanner!.scanFile(file.path, file.absolutePath, request.realBase, request.realRoot),
          )
        reply({ type: 'job', id: request.id, summary, results })
      } else if (request.type === 'blobs') {
        let reader = readers.get(request.gitDirectory)
        if (!reader) {
          reader = new BlobReader(scanner!, request.gitDirectory, reply)
          readers.set(request.gitDirectory, reader)
        }
        reader.request(request)
      } else if (request.type === 'close') {
        const ended = [...readers.values()].map((reader) => reader.close())
        readers.clear()
        void Promise.all(ended).then(() => reply({ type: 'closed' }))
      }
    } catch (error) {
      reply({ type: 'failed', message: (error as Error).message })
    }
  })
}
