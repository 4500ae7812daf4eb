// A bounded pool of worker threads with a priority queue and a timeout per job.
//
// Starting a worker on a .ts file: on Node 20, `new Worker(tsUrl, { execArgv: ['--import',
// 'tsx'] })` fails with ERR_UNKNOWN_FILE_EXTENSION (the worker's entry module is resolved before
// the --import hook is in place; checked on Node 20.20, also for an eval worker that imports the
// .ts file). So each worker starts from a tiny bootstrap (an `eval` worker) that registers tsx's
// ESM hooks through its API (tsx/esm/api `register()`) and then imports the TypeScript module.
// The API's ESM build is located through tsx's package.json exports, from this file: neither the
// working directory nor the caller (the CLI, vitest, which lacks import.meta.resolve) matters,
// and its CommonJS build cannot be used (it fails to locate its own hooks from an eval worker).
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { Worker } from 'node:worker_threads'

type Reply<O> = { ok: true; output: O } | { ok: false; error: string }

interface QueuedJob<I, O> {
  input: I
  priority: number
  order: number
  resolve: (output: O) => void
  reject: (error: Error) => void
}

export interface PoolTicket<O> {
  result: Promise<O>
  /** Takes effect while the job waits in the queue. */
  setPriority: (priority: number) => void
  /** Removes the job if no worker has started it yet (true then). */
  withdraw: () => boolean
}

interface Slot<I, O> {
  worker: Worker
  job: QueuedJob<I, O> | null
  timer: NodeJS.Timeout | null
  retired: boolean
}

export interface PoolOptions {
  /** A TypeScript (or JavaScript) module that answers each message with a Reply. */
  workerUrl: URL
  /** At most this many threads (callers bound it by os.availableParallelism()). */
  size: number
  /** A job running longer than this fails, and its worker is replaced. */
  timeoutMs: number
}

const requireHere = createRequire(import.meta.url)

function tsxEsmApiUrl(): string {
  const packageFile = requireHere.resolve('tsx/package.json')
  const manifest = JSON.parse(readFileSync(packageFile, 'utf8')) as {
    exports: Record<string, { import?: { default?: string } }>
  }
  const entry = manifest.exports['./esm/api']?.import?.default
  if (entry === undefined) throw new Error(`${packageFile}: no ESM export "./esm/api"`)
  return pathToFileURL(join(dirname(packageFile), entry)).href
}

/** A failed import rejects unhandled, which surfaces as the worker's 'error' event. */
function bootstrapSource(workerUrl: URL): string {
  const api = JSON.stringify(tsxEsmApiUrl())
  const worker = JSON.stringify(workerUrl.href)
  return `import(${api}).then((tsx) => { tsx.register(); return import(${worker}) })`
}

export class WorkerPool<I, O> {
  private readonly queue: QueuedJob<I, O>[] = []
  private readonly slots: Slot<I, O>[] = []
  private readonly source: string
  private order = 0
  private closed = false
  private dispatchScheduled = false

  constructor(private readonly options: PoolOptions) {
    if (!(options.size >= 1)) throw new Error('a worker pool needs at least one thread')
    this.source = bootstrapSource(options.workerUrl)
  }

  /** Higher priority runs first; equal priorities run in submission order. */
  run(input: I, priority = 0): Promise<O> {
    return this.submit(input, priority).result
  }

  /**
   * Like run(), with a handle on the job while it waits: it can be re-prioritised or withdrawn
   * (a withdrawn job's result never settles). A job a worker has started runs to its end.
   */
  submit(input: I, priority = 0): PoolTicket<O> {
    let job: QueuedJob<I, O> | undefined
    const result = this.closed
      ? Promise.reject(new Error('worker pool is closed'))
      : new Promise<O>((resolve, reject) => {
          job = { input, priority, order: this.order++, resolve, reject }
          this.queue.push(job)
          this.scheduleDispatch()
        })
    const queued = () => job !== undefined && this.queue.includes(job)
    return {
      result,
      setPriority: (next) => {
        if (job !== undefined) job.priority = next
      },
      withdraw: () => {
        if (job === undefined || !queued()) return false
        this.queue.splice(this.queue.indexOf(job), 1)
        return true
      },
    }
  }

  /** Stops every thread; jobs still queued or running fail. */
  async close(): Promise<void> {
    this.closed = true
    for (const job of this.queue.splice(0)) job.reject(new Error('worker pool closed'))
    await Promise.all([...this.slots].map((slot) => this.retire(slot, 'worker pool closed')))
  }

  /**
   * Dispatch after the current turn's promise callbacks: a finished job's caller then queues its
   * follow-up (or raises its priority) before a free worker picks what to run next.
   */
  private scheduleDispatch(): void {
    if (this.dispatchScheduled) return
    this.dispatchScheduled = true
    setImmediate(() => {
      this.dispatchScheduled = false
      this.dispatch()
    })
  }

  private dispatch(): void {
    while (this.queue.length > 0) {
      const slot = this.slots.find((s) => s.job === null) ?? this.spawn()
      if (slot === null) return
      const job = this.takeNext()
      slot.job = job
      slot.timer = setTimeout(() => {
        void this.retire(slot, `job timed out after ${this.options.timeoutMs} ms`)
      }, this.options.timeoutMs)
      slot.worker.postMessage(job.input)
    }
  }

  private takeNext(): QueuedJob<I, O> {
    let best = 0
    for (let i = 1; i < this.queue.length; i++) {
      const a = this.queue[i]!
      const b = this.queue[best]!
      if (a.priority > b.priority || (a.priority === b.priority && a.order < b.order)) best = i
    }
    return this.queue.splice(best, 1)[0]!
  }

  private spawn(): Slot<I, O> | null {
    if (this.closed || this.slots.length >= this.options.size) return null
    const worker = new Worker(this.source, { eval: true })
    const slot: Slot<I, O> = { worker, job: null, timer: null, retired: false }
    worker.on('message', (reply: Reply<O>) => this.finish(slot, reply))
    worker.on('error', (error) => void this.retire(slot, `worker failed: ${error.stack ?? error}`))
    worker.on('exit', (code) => void this.retire(slot, `worker exited with code ${code}`))
    this.slots.push(slot)
    return slot
  }

  private finish(slot: Slot<I, O>, reply: Reply<O>): void {
    const job = slot.job
    if (job === null || slot.retired) return
    if (slot.timer) clearTimeout(slot.timer)
    slot.job = null
    slot.timer = null
    if (reply.ok) job.resolve(reply.output)
    else job.reject(new Error(reply.error))
    this.scheduleDispatch()
  }

  /** Takes a worker out of service (failure, timeout or close): its job fails, a new one starts. */
  private async retire(slot: Slot<I, O>, reason: string): Promise<void> {
    if (slot.retired) return
    slot.retired = true
    if (slot.timer) clearTimeout(slot.timer)
    this.slots.splice(this.slots.indexOf(slot), 1)
    slot.job?.reject(new Error(reason))
    slot.job = null
    await slot.worker.terminate()
    this.dispatch()
  }
}
