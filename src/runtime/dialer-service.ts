// The running dialers of every tenant, as the HTTP layer drives them (control.ts
// DialerControl, AgentControl and LiveFeed): campaign lifecycle of built-in and Dialer-API
// campaigns through one interface, live figures, the Dialer API (R10.2) and preview-task actions,
// the agent desktop's actions (R7), the live feed (R9.2).
import {
  startCampaignRequestSchema,
  updateCampaignRequestSchema,
} from '../domain/campaign/dialer-api.ts'
import type { AgentDeskView } from './agent-data/messages.ts'
import type { AgentDesk } from './agent-desk.ts'
import type { CampaignActionResult } from './campaigns.ts'
import type {
  AgentActionName,
  AgentControl,
  AgentDataControl,
  BoardAgent,
  BoardCampaign,
  BoardControl,
  CallbackRequest,
  CampaignLiveFigures,
  ControlRefusal,
  ControlResult,
  DialerControl,
  LiveFeed,
  LiveMessage,
  LiveViewer,
  PacingDecisionRecord,
  SeriesPoint,
} from './control.ts'
import type { DialerApiResult } from './dialer-api/dialer-api-campaigns.ts'
import type { TenantRuntime } from './tenant-runtime.ts'

function issues(error: { issues: { path: PropertyKey[]; message: string }[] }) {
  return error.issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message }))
}

function noTenant(tenantId: string): ControlRefusal {
  return { ok: false, reason: 'notFound', message: `no dialer runs for tenant ${tenantId}` }
}

function fromAction(result: CampaignActionResult): ControlResult {
  switch (result.kind) {
    case 'ok':
      return { ok: true, status: result.status }
    case 'notFound':
      return { ok: false, reason: 'notFound', message: `campaign '${result.campaignId}' not found` }
    case 'illegal':
      return { ok: false, reason: 'illegal', message: result.message }
    case 'unavailable':
      return { ok: false, reason: 'illegal', message: result.message }
  }
}

function fromDialerApi<T extends object>(result: DialerApiResult<T>): ControlResult<T> {
  switch (result.kind) {
    case 'ok': {
      const { kind: _kind, ...rest } = result
      return { ok: true, ...(rest as unknown as T) }
    }
    case 'invalid':
      return { ok: false, reason: 'invalid', message: result.message, details: result.details }
    case 'notFound':
      return { ok: false, reason: 'notFound', message: `campaign '${result.campaignId}' not found` }
    case 'illegal':
    case 'unavailable':
      return { ok: false, reason: 'illegal', message: result.message }
  }
}

type DeskResult = {
  kind: string
  state?: { kind: string }
  from?: string
  event?: string
  field?: string
  reason?: string
}

/** One desktop action on the agent desk; the desk's typed answer as the API's result. */
function actOn(
  desk: AgentDesk,
  agentId: string,
  action: AgentActionName,
  code?: string,
  callback?: CallbackRequest,
) {
  switch (action) {
    case 'login':
      return desk.login(agentId)
    case 'logout':
      return desk.logout(agentId)
    case 'available':
      return desk.available(agentId)
    case 'idle':
      return desk.idle(agentId, code)
    case 'endWrapUp':
      return desk.endWrapUp(agentId, code, callback)
    case 'answerReservation':
      return desk.answerReservation(agentId)
    case 'hangup':
      return desk.hangup(agentId, code)
    case 'requestCampaignContact':
      return desk.requestCampaignContact(agentId)
  }
}

function fromDesk(
  desk: AgentDesk,
  agentId: string,
  action: AgentActionName,
  result: DeskResult,
  code: string | undefined,
): ControlResult<{ state: string }> {
  const now = () => desk.state(agentId)?.kind ?? 'LoggedOut'
  switch (result.kind) {
    case 'ok':
    case 'offered':
      return { ok: true, state: result.state?.kind ?? now() }
    case 'unknownAgent':
      return { ok: false, reason: 'notFound', message: `agent '${agentId}' not found` }
    case 'invalidDisposition': {
      const path = result.field === 'callback.atMs' ? 'callback.localTime' : result.field!
      return {
        ok: false,
        reason: 'invalid',
        message: `the wrap-up cannot end so: ${result.reason}`,
        details: [{ path, message: result.reason! }],
      }
    }
    case 'dispositionRequired':
      return {
        ok: false,
        reason: 'illegal',
        message:
          "the agent is in a campaign call's wrap-up: end it with endWrapUp and a business outcome code first (R5.2)",
      }
    case 'invalidCode':
      return {
        ok: false,
        reason: 'invalid',
        message: `'${code}' is not an active idle code`,
        details: [{ path: 'code', message: 'not an active idle code (R7.1)' }],
      }
    case 'illegal':
      return {
        ok: false,
        reason: 'illegal',
        message: `the agent is ${result.from}: ${action} is not possible`,
      }
    case 'noCall':
      return { ok: false, reason: 'illegal', message: 'the agent has no call to hang up' }
    case 'noContact':
      return { ok: false, reason: 'illegal', message: 'no preview record is due for this agent' }
    default:
      return {
        ok: false,
        reason: 'illegal',
        message: `the agent is ${now()}: ${action} is not possible`,
      }
  }
}

export class DialerService
  implements DialerControl, AgentControl, AgentDataControl, LiveFeed, BoardControl
{
  private readonly runtimes = new Map<string, TenantRuntime>()

  add(runtime: TenantRuntime): void {
    this.runtimes.set(runtime.tenantId, runtime)
  }

  get(tenantId: string): TenantRuntime | undefined {
    return this.runtimes.get(tenantId)
  }

  all(): TenantRuntime[] {
    return [...this.runtimes.values()]
  }

  /** Closes every tenant's runtime (server shutdown); campaigns resume at the next start. */
  async close(options: { drainMs?: number } = {}): Promise<void> {
    await Promise.all(this.all().map((runtime) => runtime.close(options)))
    this.runtimes.clear()
  }

  async campaignAction(
    tenantId: string,
    campaignId: string,
    action: 'start' | 'pause' | 'resume' | 'stop',
  ): Promise<ControlResult> {
    const runtime = this.runtimes.get(tenantId)
    if (!runtime) return noTenant(tenantId)
    return fromAction(await runtime.campaignAction(campaignId, action))
  }

  campaignFigures(tenantId: string, campaignId: string): CampaignLiveFigures | null {
    return this.runtimes.get(tenantId)?.figures(campaignId) ?? null
  }

  async startDialerCampaign(
    tenantId: string,
    body: unknown,
  ): Promise<ControlResult<{ campaignId: string }>> {
    const runtime = this.runtimes.get(tenantId)
    if (!runtime) return noTenant(tenantId)
    const parsed = startCampaignRequestSchema.safeParse(body)
    if (!parsed.success) {
      return {
        ok: false,
        reason: 'invalid',
        message: 'the start request is invalid',
        details: issues(parsed.error),
      }
    }
    return fromDialerApi(await runtime.dialerApi.start(parsed.data))
  }

  async updateDialerCampaign(
    tenantId: string,
    campaignId: string,
    body: unknown,
  ): Promise<ControlResult> {
    const runtime = this.runtimes.get(tenantId)
    if (!runtime) return noTenant(tenantId)
    const parsed = updateCampaignRequestSchema.safeParse(body)
    if (!parsed.success) {
      return {
        ok: false,
        reason: 'invalid',
        message: 'the update is invalid',
        details: issues(parsed.error),
      }
    }
    return fromDialerApi(await runtime.dialerApi.update(campaignId, parsed.data))
  }

  async stopDialerCampaign(tenantId: string, campaignId: string): Promise<ControlResult> {
    const runtime = this.runtimes.get(tenantId)
    if (!runtime) return noTenant(tenantId)
    return fromDialerApi(await runtime.dialerApi.stop(campaignId))
  }

  async previewAction(
    tenantId: string,
    campaignId: string,
    taskId: string,
    action: 'ACCEPT' | 'SKIP' | 'REMOVE',
    actingAgentId: string | null,
  ): Promise<ControlResult<object>> {
    const runtime = this.runtimes.get(tenantId)
    if (!runtime) return noTenant(tenantId)
    const result = runtime.previewAction(campaignId, taskId, action, actingAgentId ?? undefined)
    switch (result.kind) {
      case 'ok':
        return { ok: true }
      case 'notFound':
        return { ok: false, reason: 'notFound', message: `preview task '${taskId}' not found` }
      case 'notYourTask':
        return {
          ok: false,
          reason: 'forbidden',
          message: `preview task '${taskId}' is another agent's`,
        }
      case 'disabled':
        return { ok: false, reason: 'illegal', message: `${action} is disabled for this campaign` }
    }
  }

  state(
    tenantId: string,
    agentId: string,
  ): { state: string; detail: Record<string, unknown> } | null {
    const state = this.runtimes.get(tenantId)?.desk.state(agentId)
    if (!state) return null
    const { kind, ...detail } = state
    return { state: kind, detail }
  }

  async act(
    tenantId: string,
    agentId: string,
    action: AgentActionName,
    code: string | undefined,
    callback?: CallbackRequest,
  ): Promise<ControlResult<{ state: string }>> {
    const runtime = this.runtimes.get(tenantId)
    if (!runtime) return noTenant(tenantId)
    const result = actOn(runtime.desk, agentId, action, code, callback)
    return fromDesk(runtime.desk, agentId, action, result, code)
  }

  deskView(tenantId: string, agentId: string): AgentDeskView | null {
    return this.runtimes.get(tenantId)?.deskView(agentId) ?? null
  }

  /** The supervisor's board now: agents with their time in state, campaigns with their cap. */
  board(
    tenantId: string,
  ): { atMs: number; agents: BoardAgent[]; campaigns: BoardCampaign[] } | null {
    const runtime = this.runtimes.get(tenantId)
    if (!runtime) return null
    const campaigns = runtime.status().campaigns.map(({ source: _s, lastBlocked: _b, ...c }) => ({
      ...c,
      abandonCapPct:
        runtime.engine.ctx.campaigns.get(c.id)?.config.compliance.abandonRatePctMax ?? null,
    }))
    return { atMs: runtime.clock.nowMs(), agents: runtime.boardAgents(), campaigns }
  }

  pacingDecisions(tenantId: string, campaignId: string): PacingDecisionRecord[] | null {
    const runtime = this.runtimes.get(tenantId)
    if (!runtime?.campaign(campaignId)) return null
    return runtime.history.decisionsOf(campaignId)
  }

  series(tenantId: string, campaignId: string): SeriesPoint[] | null {
    const runtime = this.runtimes.get(tenantId)
    if (!runtime?.campaign(campaignId)) return null
    return runtime.history.seriesOf(campaignId)
  }

  snapshot(tenantId: string, viewer: LiveViewer): LiveMessage {
    const runtime = this.runtimes.get(tenantId)
    return runtime ? runtime.snapshot(viewer) : { type: 'snapshot', atMs: 0, data: null }
  }

  subscribe(
    tenantId: string,
    viewer: LiveViewer,
    listener: (message: LiveMessage) => void,
  ): () => void {
    return this.runtimes.get(tenantId)?.subscribe(viewer, listener) ?? (() => {})
  }
}
