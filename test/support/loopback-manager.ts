// Test support (not shipped code): a "bring your own" campaign manager on a real loopback HTTP
// server (node:http, 127.0.0.1, port 0). It serves a dialing list in batches as docs/dialer-api.md
// defines it and keeps every result the dialer POSTs, with its headers, for the tests to check.
import { Buffer } from 'node:buffer'
import { createServer, type IncomingMessage, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'

export interface ReceivedResult {
  body: string
  json: Record<string, unknown>
  headers: IncomingMessage['headers']
}

export interface ListRequest {
  count: number
  campaignId: string | null
  authorized: boolean
}

export interface LoopbackManager {
  baseUrl: string
  credentials: { username: string; password: string }
  /** Records still to hand out (raw: the test may put bad ones in). */
  records: unknown[]
  listRequests: ListRequest[]
  results: ReceivedResult[]
  /** Status codes to answer the next result POSTs with, before 204s. */
  failResultsWith: number[]
  close(): Promise<void>
}

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    request.on('data', (chunk: Buffer) => chunks.push(chunk))
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')))
    request.on('error', reject)
  })
}

export async function startLoopbackManager(records: unknown[]): Promise<LoopbackManager> {
  const credentials = { username: 'cm-user', password: 'cm-s3cret' }
  const expectedAuth = `Basic ${Buffer.from(`${credentials.username}:${credentials.password}`).toString('base64')}`
  const manager = {
    records: [...records],
    listRequests: [] as ListRequest[],
    results: [] as ReceivedResult[],
    failResultsWith: [] as number[],
  }
  const server: Server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1')
    const authorized = request.headers.authorization === expectedAuth
    if (request.method === 'GET' && url.pathname === '/cm/dialinglist') {
      const count = Number(url.searchParams.get('count'))
      manager.listRequests.push({
        count,
        campaignId: url.searchParams.get('campaignId'),
        authorized,
      })
      if (!authorized) return response.writeHead(401).end()
      const batch = manager.records.splice(0, count)
      response.writeHead(200, { 'content-type': 'application/json' })
      return response.end(JSON.stringify({ records: batch, done: manager.records.length === 0 }))
    }
    if (request.method === 'POST' && url.pathname === '/cm/dialer/results') {
      void readBody(request).then((body) => {
        const status = manager.failResultsWith.shift()
        if (status !== undefined) return response.writeHead(status).end()
        manager.results.push({ body, json: JSON.parse(body), headers: request.headers })
        response.writeHead(204).end()
      })
      return
    }
    response.writeHead(404).end()
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    ...manager,
    get records() {
      return manager.records
    },
    set records(value: unknown[]) {
      manager.records = value
    },
    baseUrl: `http://127.0.0.1:${port}/cm`,
    credentials,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}
