// A pool worker (pool.ts): runs one simulated day per message and answers with its figures.
// The simulator is synchronous and single-threaded; parallelism comes from running days on
// several of these workers at once.
import { parentPort } from 'node:worker_threads'
import { runSimJob } from './sim-job.ts'
import type { SimJob } from './types.ts'

if (parentPort === null) throw new Error('bench/pacing/worker.ts runs only as a worker thread')
const port = parentPort

port.on('message', (job: SimJob) => {
  try {
    port.postMessage({ ok: true, output: runSimJob(job) })
  } catch (error) {
    const message = error instanceof Error ? (error.stack ?? error.message) : String(error)
    port.postMessage({ ok: false, error: message })
  }
})
