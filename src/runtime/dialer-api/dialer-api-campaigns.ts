// Dialer-API campaigns (R10.2, "bring your own campaign manager"): start, update and stop as
// `POST/PUT/DELETE /v1/dialer/campaign…` ask, over the same campaign lifecycle as the built-in
// campaign manager's campaigns (campaigns.ts). Contacts are pulled from the manager's
// `dialingListFetchURL`; attempts and finished records go back through the signed result webhook.
import type { Engine } from '../../dialer/engine.ts'
import type { Clock } from '../../dialer/ports/clock.ts'
import type { Ids } from '../../dialer/ports/ids.ts'
import type { Disposition, EngineEvent } from '../../dialer/types.ts'
import { isFinal } from '../../domain/campaign/campaign-status.ts'
import type {
  StartCampaignRequest,
  UpdateCampaignRequest,
} from '../../domain/campaign/dialer-api.ts'
import type {
  ConnectorCredentials,
  PersistedCampaignState,
  RecoveredAttempt,
  RuntimeCampaignStatus,
  TenantConfig,
} from '../../store/ports/dialer-store.ts'
import type { CampaignLifecycle, RuntimeCampaign } from '../campaigns.ts'
import { updateEngineCampaign } from '../engine-config.ts'
import type { RuntimeLog } from '../log.ts'
import {
  CampaignManagerClient,
  type FetchLike,
  resolveCampaignManagerUrl,
} from './campaign-manager-client.ts'
import {
  DIALER_API_ZONE_DEFAULT,
  type EngineCampaignFromRequest,
  engineCampaignFromRequest,
  type FieldIssue,
} from './engine-campaign.ts'
import { PulledContactList, type RecordDisposition } from './pulled-contact-list.ts'
import { ResultWebhook } from './result-webhook.ts'

export interface DialerApiOptions {
  fetch?: FetchLike
  timeoutMs?: number
  /** Where results go: a path under the resource domain (default `dialer/results`). */
  resultsUrl?: string
  /** The zone of records that name none. */
  timeZone?: string
}

export type DialerApiResult<T extends object = object> =
  | ({ kind: 'ok' } & T)
  | { kind: 'invalid'; message: string; details: FieldIssue[] }
  | { kind: 'notFound'; campaignId: string }
  | { kind: 'illegal'; message: string }
  | { kind: 'unavailable'; message: string }

export interface DialerApiDeps {
  engine: Engine
  lifecycle: CampaignLifecycle
  clock: Clock
  log: RuntimeLog
  ids: Ids
  /** The tenant's configuration as last loaded. */
  config(): TenantConfig
  dncListNames(): string[]
  options?: DialerApiOptions
}

const iso = (ms: number) => new Date(ms).toISOString()

export class DialerApiCampaigns {
  readonly webhook: ResultWebhook
  private client: CampaignManagerClient | null = null

  constructor(private readonly deps: DialerApiDeps) {
    this.webhook = new ResultWebhook({
      clock: deps.clock,
      log: deps.log,
      client: () => this.currentClient(),
      resultsUrl: deps.options?.resultsUrl,
      nextId: () => deps.ids.next('delivery'),
    })
  }

  async start(request: StartCampaignRequest): Promise<DialerApiResult<{ campaignId: string }>> {
    const existing = this.deps.lifecycle.get(request.id)
    const retryingStart = existing?.source === 'dialerApi' && existing.status === 'draft'
    if (existing && !retryingStart) {
      return { kind: 'illegal', message: `campaign id ${request.id} is already in use` }
    }
    const built = this.build(request)
    if (!built.ok)
      return { kind: 'invalid', message: 'the campaign cannot start', details: built.issues }
    let campaign = existing
    if (campaign) {
      campaign.dialerApi = { request }
      updateEngineCampaign(this.deps.engine, built.config)
    } else {
      campaign = this.register(request, 'draft', built)
    }
    const result = await this.deps.lifecycle.act(request.id, 'start')
    if (result.kind !== 'ok') return this.refusal(result)
    return { kind: 'ok', campaignId: request.id }
  }

  /** PUT: merges the fields given (docs/dialer-api.md "Request bodies") into the running one. */
  async update(
    campaignId: string,
    update: UpdateCampaignRequest,
  ): Promise<DialerApiResult<{ status: RuntimeCampaignStatus }>> {
    const campaign = this.deps.lifecycle.get(campaignId)
    if (!campaign?.dialerApi) return { kind: 'notFound', campaignId }
    if (isFinal(campaign.status)) {
      return { kind: 'illegal', message: `campaign ${campaignId} is ${campaign.status}` }
    }
    const given = Object.fromEntries(Object.entries(update).filter(([, v]) => v !== undefined))
    const before = campaign.dialerApi
    const request = { ...before.request, ...given } as StartCampaignRequest
    const built = this.build(request)
    if (!built.ok)
      return { kind: 'invalid', message: 'the update is invalid', details: built.issues }
    campaign.dialerApi = { request }
    const saved = await this.deps.lifecycle.saveDefinition(campaign)
    if (saved.kind !== 'ok') {
      campaign.dialerApi = before
      return this.refusal(saved)
    }
    campaign.name = built.config.name
    const ignored = updateEngineCampaign(this.deps.engine, built.config)
    if (ignored.length > 0) this.deps.log.warn('update fields not applied', { campaignId, ignored })
    return { kind: 'ok', status: campaign.status }
  }

  /** DELETE: stops the campaign; stopping a stopped or completed one changes nothing. */
  async stop(campaignId: string): Promise<DialerApiResult<{ status: RuntimeCampaignStatus }>> {
    const campaign = this.deps.lifecycle.get(campaignId)
    if (!campaign?.dialerApi) return { kind: 'notFound', campaignId }
    if (isFinal(campaign.status)) return { kind: 'ok', status: campaign.status }
    const result = await this.deps.lifecycle.act(campaignId, 'stop')
    if (result.kind !== 'ok') return this.refusal(result)
    return { kind: 'ok', status: result.status }
  }

  /** At start: a Dialer-API campaign persisted by an earlier run joins the runtime again. */
  restore(state: PersistedCampaignState): void {
    if (!state.dialerApi || this.deps.lifecycle.get(state.campaignId)) return
    const built = isFinal(state.status)
      ? ({ ok: false, issues: [] } as EngineCampaignFromRequest)
      : this.build(state.dialerApi.request)
    const campaign = this.register(state.dialerApi.request, state.status, built)
    if (!built.ok && !isFinal(state.status)) {
      this.deps.log.error('Dialer-API campaign cannot run after restart', {
        campaignId: campaign.id,
        issues: built.issues,
      })
    }
  }

  /** A campaign's status changed: one resumed after its manager finished completes now. */
  onStatusChanged(campaign: RuntimeCampaign): void {
    const list = campaign.list
    if (campaign.status !== 'running' || !(list instanceof PulledContactList)) return
    if (list.exhausted()) this.completeIfIdle(campaign.id)
  }

  /** The runtime's bus: attempt results of Dialer-API campaigns go to the campaign manager. */
  onEvent(event: EngineEvent): void {
    if (event.kind === 'disposition') return this.sendCode(event.disposition, event.atMs)
    if (event.kind !== 'attemptClosed') return
    const attempt = event.attempt
    if (!this.deps.lifecycle.get(attempt.campaignId)?.dialerApi) return
    this.webhook.send({
      event: 'attempt',
      campaignId: attempt.campaignId,
      recordId: attempt.contactId,
      attemptId: attempt.id,
      number: attempt.number,
      callerId: attempt.callerId,
      outcome: attempt.outcome,
      startedAt: iso(attempt.dialedAtMs),
      endedAt: iso(attempt.endedAtMs),
      agentId: attempt.agentId ?? null,
      hangupParty: attempt.hangupParty ?? null,
    })
  }

  /** R5.2: the agent's code for a call of a Dialer-API campaign goes to its manager too. */
  private sendCode(disposition: Disposition, atMs: number): void {
    if (!this.deps.lifecycle.get(disposition.campaignId)?.dialerApi) return
    this.webhook.send({
      event: 'code',
      campaignId: disposition.campaignId,
      recordId: disposition.contactId,
      attemptId: disposition.attemptId,
      agentId: disposition.agentId,
      code: disposition.code,
      callbackAt: disposition.callback ? iso(disposition.callback.atMs) : null,
      at: iso(atMs),
    })
  }

  /** An attempt left open by a dead process, closed as UNKNOWN by recovery. */
  onRecoveredAttempt(attempt: RecoveredAttempt): void {
    if (!this.deps.lifecycle.get(attempt.campaignId)?.dialerApi) {
      this.deps.log.warn('recovered attempt of an unknown campaign', {
        attemptId: attempt.attemptId,
      })
      return
    }
    const nowMs = this.deps.clock.nowMs()
    const base = { campaignId: attempt.campaignId, recordId: attempt.contactId }
    this.webhook.send({
      event: 'attempt',
      ...base,
      attemptId: attempt.attemptId,
      number: attempt.number,
      callerId: attempt.callerId,
      outcome: 'UNKNOWN',
      startedAt: iso(attempt.openedAtMs),
      endedAt: iso(nowMs),
      agentId: attempt.agentId,
      hangupParty: null,
    })
    this.webhook.send({ event: 'record', ...base, disposition: 'recovered', at: iso(nowMs) })
  }

  private build(request: StartCampaignRequest): EngineCampaignFromRequest {
    const connector = this.deps.config().connector
    if (!connector) {
      const message = 'no campaign-manager connector is configured for this tenant (R4.1)'
      return { ok: false, issues: [{ path: 'dialingListFetchURL', message }] }
    }
    const url = resolveCampaignManagerUrl(connector.resourceDomain, request.dialingListFetchURL)
    if (!url.ok)
      return { ok: false, issues: [{ path: 'dialingListFetchURL', message: url.message }] }
    return engineCampaignFromRequest(request, {
      config: this.deps.config(),
      dncListNames: this.deps.dncListNames(),
      timeZone: this.deps.options?.timeZone ?? DIALER_API_ZONE_DEFAULT,
    })
  }

  private register(
    request: StartCampaignRequest,
    status: RuntimeCampaignStatus,
    built: EngineCampaignFromRequest,
  ): RuntimeCampaign {
    const campaign: RuntimeCampaign = {
      id: request.id,
      name: request.campaignName ?? request.id,
      source: 'dialerApi',
      status,
      list: null,
      dialerApi: { request },
      ...(built.ok ? {} : { problem: built.issues.map((i) => i.message).join('; ') }),
    }
    if (built.ok) campaign.list = this.listFor(campaign)
    this.deps.lifecycle.add(campaign, built.ok ? built.config : null)
    return campaign
  }

  private listFor(campaign: RuntimeCampaign): PulledContactList {
    const { clock, log, engine } = this.deps
    const campaignId = campaign.id
    return new PulledContactList({
      campaignId,
      clock,
      log,
      recordCount: campaign.dialerApi!.request.recordCount,
      fetchBatch: async (count) => {
        const client = this.currentClient()
        if (!client) return { kind: 'error', message: 'no campaign-manager connector' }
        const url = campaign.dialerApi!.request.dialingListFetchURL
        return client.fetchRecords(url, campaignId, count)
      },
      onArrived: () => engine.contactsChanged(campaignId),
      onRecordDone: (contact, disposition: RecordDisposition) => {
        const atMs = clock.nowMs()
        // The engine finishes a record before it publishes the attempt's close: the record's
        // event waits for the end of this turn, so it is queued after its attempt's.
        queueMicrotask(() =>
          this.webhook.send({
            event: 'record',
            campaignId,
            recordId: contact.id,
            disposition,
            at: iso(atMs),
          }),
        )
      },
      onExhausted: () => this.completeIfIdle(campaignId),
    })
  }

  private completeIfIdle(campaignId: string): void {
    if ((this.deps.engine.ctx.campaigns.get(campaignId)?.openAttempts ?? 0) > 0) return
    void this.deps.lifecycle.complete(campaignId)
  }

  private currentClient(): CampaignManagerClient | null {
    const connector: ConnectorCredentials | null = this.deps.config().connector
    if (!connector) return null
    const same = this.client?.credentials
    if (
      !same ||
      same.resourceDomain !== connector.resourceDomain ||
      same.username !== connector.username ||
      same.password !== connector.password
    ) {
      this.client = new CampaignManagerClient(connector, {
        ...(this.deps.options?.fetch ? { fetch: this.deps.options.fetch } : {}),
        ...(this.deps.options?.timeoutMs ? { timeoutMs: this.deps.options.timeoutMs } : {}),
      })
    }
    return this.client
  }

  private refusal(result: { kind: string; message?: string; campaignId?: string }) {
    if (result.kind === 'notFound')
      return { kind: 'notFound' as const, campaignId: result.campaignId ?? '' }
    if (result.kind === 'illegal')
      return { kind: 'illegal' as const, message: result.message ?? '' }
    return { kind: 'unavailable' as const, message: result.message ?? 'unavailable' }
  }
}
