// What a scanner does with each request (set up, scan files, scan blobs, close), the same in a worker
// thread and in the main thread (a small scan without workers, inThreadPool.ts). Written for Node's type
// stripping (no enums, type-only imports), so it runs from source in workers.
import { BlobReader } from './blobReader'
import { Scanner } from './itemScanner'
import { addResult, emptySummary, type ItemResult, type WorkerReply, type WorkerRequest } from './workerProtocol'

/** A handler for requests; each answer (a job's outcome, closed, failed) goes to `reply`. */
export const requestHandler = (reply: (message: WorkerReply) => void): ((request: WorkerRequest) => void) => {
  let scanner: Scanner | null = null
  const readers = new Map<string, BlobReader>()
  return (request) => {
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
  }
}
