// `outdial serve` (`npm start`): the API on the embedded SQLite database (or PostgreSQL), seeded
// with the demo tenant on first start, and the dialer engine on the real clock with the built-in
// simulated telephony network. Stops cleanly on SIGINT/SIGTERM.
import { sql } from 'kysely'
import { z } from 'zod'
import { buildOutdialApi } from './api/assemble.ts'
import { bootstrapFirstStart } from './bootstrap.ts'
import type { ServerConfig } from './config.ts'
import { SqlAccounts } from './db/accounts.ts'
import { SqlContactLists } from './db/contacts.ts'
import { SqlAuditLog, SqlConfigDocuments, SqlDncLists } from './db/documents.ts'
import { openDb } from './db/open.ts'
import { SqlAttemptReports } from './db/reports.ts'
import { SecretBox } from './db/secrets.ts'
import { startDemo } from './demo.ts'
import { contactImporter } from './importer.ts'
import { RealClock } from './real-clock.ts'
import { scrubListsOf } from './scrub-lists.ts'

export const STATUS_LOG_INTERVAL_MS = 10_000
const LOOPBACK = /^(127\.|::1$|localhost$)/

export interface RunningServer {
  url: string
  stop(): Promise<void>
}

export async function serve(
  config: ServerConfig,
  log: (line: string) => void,
): Promise<RunningServer> {
  const clock = new RealClock(config.speed)
  const opened = await openDb({ dataDir: config.dataDir, databaseUrl: config.databaseUrl })
  const accounts = new SqlAccounts(opened.db)
  const documents = new SqlConfigDocuments(opened.db)
  const first = await bootstrapFirstStart(
    accounts,
    documents,
    { adminPassword: config.adminPassword, demo: config.demo },
    clock.nowMs(),
  )
  const demo = startDemo(clock)
  const dnc = new SqlDncLists(opened.db)
  const lists = new SqlContactLists(opened.db)
  const nowMs = () => clock.nowMs()
  const app = await buildOutdialApi({
    accounts,
    config: documents,
    audit: new SqlAuditLog(opened.db),
    dnc,
    reports: new SqlAttemptReports(opened.db),
    contacts: {
      lists,
      importer: contactImporter,
      sinkFor: (tenantId, list) =>
        lists.sinkFor(
          tenantId,
          list,
          dnc,
          () => scrubListsOf(opened.db, documents, tenantId, list.campaignId),
          nowMs,
        ),
    },
    nowMs: () => clock.nowMs(),
    secrets: SecretBox.fromConfig(config.secretKey, config.dataDir),
    logLevel: config.logLevel,
    // Browsers keep Secure cookies only over HTTPS; a loopback HTTP server is the local case.
    secureCookies: !LOOPBACK.test(config.host),
    health: async () => {
      await sql`select 1`.execute(opened.db)
      return { database: opened.dialect }
    },
    extraRoutes: (app) =>
      app.get(
        '/v1/status',
        {
          config: { roles: ['admin', 'supervisor'] },
          schema: {
            tags: ['live'],
            summary: 'The demo engine: agents by state, campaigns, inbound',
            response: { 200: z.unknown() },
          },
        },
        async () => demo.status(),
      ),
  })
  const address = await app.listen({ port: config.port, host: config.host })
  log(
    `outdial: listening on ${address} (database: ${opened.dialect}${opened.dialect === 'sqlite' ? ` in ${config.dataDir}` : ''})`,
  )
  if (first.created) {
    log('outdial: first start — created the demo tenant and the user "admin"')
    if (first.generatedPassword)
      log(
        `outdial: admin password (shown once; set OUTDIAL_ADMIN_PASSWORD to choose it): ${first.generatedPassword}`,
      )
  }
  log(
    `outdial: API reference at ${address}/docs, health at ${address}/healthz, metrics at ${address}/metrics`,
  )
  const timer = setInterval(() => {
    const status = demo.status()
    const campaigns = status.campaigns
      .map(
        (c) =>
          `${c.id}: ${c.linesInFlight} lines, ${c.outcomes.LIVE_VOICE} connects, abandon ${c.abandonRateWindowPct} %`,
      )
      .join(' | ')
    log(`${status.nowIso} ${campaigns}`)
  }, STATUS_LOG_INTERVAL_MS)
  timer.unref()
  return {
    url: address,
    stop: async () => {
      clearInterval(timer)
      clock.stopAll()
      await app.close()
      await opened.close()
    },
  }
}
