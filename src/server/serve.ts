// `outdial serve` (`npm start`): the API on the embedded SQLite database (or PostgreSQL), seeded
// with the demo tenant on first start, and one dialer runtime per tenant on the real clock with
// the built-in simulated telephony network: campaigns, contacts and attempts live in the store,
// so a restart (even after SIGKILL) resumes where it stopped. Stops cleanly on SIGINT/SIGTERM.
// A start knows which earlier processes are dead (process-liveness.ts: the data directory's lock
// on SQLite, advisory locks on PostgreSQL): their calls in progress are closed as UNKNOWN and their
// imports failed before the server listens, not when their leases run out (issue 16).
import { hostname } from 'node:os'
import type { FastifyInstance } from 'fastify'
import { sql } from 'kysely'
import { z } from 'zod'
import { buildOutdialApi } from '../api/assemble.ts'
import { principalOf } from '../api/auth.ts'
import { notFound } from '../api/errors.ts'
import { createMetrics } from '../api/metrics.ts'
import { DialerService } from '../runtime/dialer-service.ts'
import { structuredLog } from '../runtime/log.ts'
import { RealClock } from '../runtime/real-clock.ts'
import { RECOVER_INTERVAL_MS } from '../runtime/recovery.ts'
import { newOwnerId } from '../runtime/tenant-runtime.ts'
import { lastRecordedMs } from '../store/sql/last-time.ts'
import { openDb } from '../store/sql/open.ts'
import {
  type HeldLiveness,
  holdAdvisoryLock,
  holdDataDirLock,
} from '../store/sql/process-liveness.ts'
import { SecretBox } from '../store/sql/secrets.ts'
import { SqlStore } from '../store/sql/store.ts'
import { bootstrapFirstStart } from './bootstrap.ts'
import type { ServerConfig } from './config.ts'
import { sqlContactsPart } from './contacts-part.ts'
import { recoverInterruptedImports } from './import-recovery.ts'
import { startTenantRuntimes, type TenantRuntimes } from './runtimes.ts'
import { DEMO_DESK_AGENTS } from './seed/demo-tenant.ts'
import type { SipTelephony } from './sip-telephony.ts'
import { loadWebApp, registerWebApp } from './web-app.ts'

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
  const owner = newOwnerId(hostname(), process.pid)
  // SQLite: the data directory's lock first (a second server on it is refused before it writes).
  const dirLock = config.databaseUrl ? null : holdDataDirLock(config.dataDir, owner)
  let opened: Awaited<ReturnType<typeof openDb>>
  let liveness: HeldLiveness
  try {
    opened = await openDb({
      dataDir: config.dataDir,
      databaseUrl: config.databaseUrl,
      onIdleConnectionError: (error) =>
        log(`outdial: a pooled database connection failed and is replaced: ${error.message}`),
    })
    liveness =
      dirLock ??
      (await holdAdvisoryLock({
        databaseUrl: config.databaseUrl!,
        self: owner,
        // Others may now take this process for dead and recover its calls: stop at once.
        onLost: (error) => {
          log(`outdial: the process lock connection failed (${error.message}); stopping`)
          process.exit(1)
        },
      }))
  } catch (error) {
    await dirLock?.release()
    throw error
  }
  const clock = new RealClock(config.speed, Date.now, await lastRecordedMs(opened.db))
  const nowMs = () => clock.nowMs()
  const secrets = SecretBox.fromConfig(config.secretKey, config.dataDir)
  const store = new SqlStore(opened, secrets)
  const contacts = sqlContactsPart(store, nowMs, owner)
  const first = await bootstrapFirstStart(
    store,
    {
      ...(config.adminPassword !== undefined ? { adminPassword: config.adminPassword } : {}),
      ...(config.demoAgentPassword !== undefined
        ? { demoAgentPassword: config.demoAgentPassword }
        : {}),
      demo: config.demo,
      imports: contacts.imports,
    },
    nowMs(),
  )
  const metrics = createMetrics()
  // The SIP stack and the media analysis load only for --telephony sip (issue 15, start-up).
  const sip: SipTelephony | null =
    config.telephony === 'sip'
      ? await (await import('./sip-telephony.ts')).SipTelephony.open(config, {
          warn: (message, fields) => log(`outdial: ${message} ${JSON.stringify(fields ?? {})}`),
          info: (message, fields) => log(`outdial: ${message} ${JSON.stringify(fields ?? {})}`),
        })
      : null
  sip?.registerMetrics(metrics.registry)
  const web = loadWebApp()
  // The API is built first so that the runtimes log through its logger; it listens only once
  // they run.
  const service = new DialerService()
  let dialer: TenantRuntimes | null = null
  let app: FastifyInstance | null = null
  app = await buildOutdialApi({
    credentials: store.accounts,
    stores: (tenantId) => store.forTenant(tenantId),
    nowMs,
    secrets,
    metrics,
    dialer: service,
    agents: service,
    agentData: service,
    live: service,
    board: service,
    contacts,
    onConfigChange: (tenantId) => dialer?.configChanged(tenantId),
    dncChanges: {
      numberAdded: (tenantId, listName, number) =>
        dialer?.dnc.numberAdded(tenantId, listName, number),
      numberRemoved: (tenantId, listName, number) =>
        dialer?.dnc.numberRemoved(tenantId, listName, number),
      listLoaded: async (tenantId, listName) => dialer?.dnc.listLoaded(tenantId, listName),
    },
    logLevel: config.logLevel,
    // Browsers keep Secure cookies only over HTTPS; a loopback HTTP server is the local case.
    secureCookies: !LOOPBACK.test(config.host),
    ...(config.trustProxy !== undefined
      ? { trustProxy: config.trustProxy === 'true' ? true : config.trustProxy }
      : {}),
    lifetimes: {
      tokenTtlSec: config.tokenTtlSec,
      tokenTtlSecMax: config.tokenTtlMaxSec,
      sessionTtlSec: config.sessionTtlSec,
    },
    health: async () => {
      await sql`select 1`.execute(opened.db)
      return { database: opened.dialect }
    },
    extraRoutes: (scope) => {
      registerWebApp(scope, web)
      scope.get(
        '/v1/status',
        {
          config: { roles: ['admin', 'supervisor'] },
          schema: {
            tags: ['live'],
            summary:
              "The dialer now: agents by state, each campaign's lines, rates and outcomes, inbound (R9.2)",
            response: { 200: z.unknown() },
          },
        },
        async (request) => {
          const runtime = service.get(principalOf(request).tenantId)
          if (!runtime) throw notFound('a running dialer for this tenant')
          const status = runtime.status()
          return sip ? { ...status, sip: sip.status(runtime.tenantId) } : status
        },
      )
    },
  })
  const serverLog = structuredLog(app.log)
  await recoverInterruptedImports(store, liveness, nowMs(), serverLog)
  dialer = await startTenantRuntimes({
    store,
    clock,
    metrics,
    owner,
    liveness,
    service,
    logger: app.log,
    ...(sip ? { sip } : {}),
  })
  if (first.created && config.demo) await dialer.startDemoCampaigns()
  const address = await app.listen({ port: config.port, host: config.host })
  if (sip)
    log(
      `outdial: SIP endpoint on udp ${sip.address.host}:${sip.address.port}, RTP ports ${config.rtpPortMin}–${config.rtpPortMax}; each tenant dials its trunk (/v1/sip-trunks)`,
    )
  log(
    `outdial: listening on ${address} (database: ${opened.dialect}${opened.dialect === 'sqlite' ? ` in ${config.dataDir}` : ''})`,
  )
  if (first.created) {
    log('outdial: first start — created the demo tenant and the user "admin"')
    if (first.generatedPassword)
      log(
        `outdial: admin password (shown once; set OUTDIAL_ADMIN_PASSWORD to choose it): ${first.generatedPassword}`,
      )
    if (config.demo)
      log(
        `outdial: demo agents ${DEMO_DESK_AGENTS.map((a) => a.username).join(', ')} sign in at ${address}/`,
      )
    if (first.generatedAgentPassword)
      log(
        `outdial: demo agents' password (shown once; set OUTDIAL_DEMO_AGENT_PASSWORD to choose it): ${first.generatedAgentPassword}`,
      )
  }
  log(
    `outdial: web app at ${address}/ (${web.built ? 'built' : 'NOT built: run npm run build:web'}), API reference at ${address}/docs, health at ${address}/healthz, metrics at ${address}/metrics`,
  )
  const timer = setInterval(() => {
    for (const runtime of service.all()) {
      const status = runtime.status()
      // A tenant without campaigns (a fresh --no-demo start) has nothing to report.
      if (status.campaigns.length === 0) continue
      const campaigns = status.campaigns
        .map(
          (c) =>
            `${c.id} ${c.status}: ${c.linesInFlight} lines, ${c.outcomes.LIVE_VOICE ?? 0} connects, abandon ${c.abandonRateWindowPct} %`,
        )
        .join(' | ')
      log(`${status.nowIso} ${runtime.tenantId}: ${campaigns}`)
    }
  }, STATUS_LOG_INTERVAL_MS)
  timer.unref()
  const importRecovery = setInterval(
    () => void recoverInterruptedImports(store, liveness, nowMs(), serverLog),
    RECOVER_INTERVAL_MS / config.speed,
  )
  importRecovery.unref()
  return {
    url: address,
    stop: async () => {
      clearInterval(timer)
      clearInterval(importRecovery)
      await app?.close()
      await service.close()
      await sip?.close()
      clock.stopAll()
      await opened.close()
      await liveness.release()
    },
  }
}
