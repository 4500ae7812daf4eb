// The demo tenant `npm start` runs until the real server lands (issue 5): the engine on the real
// clock, the built-in simulated telephony network, agents that act like people, two outbound
// campaigns (progressive and predictive) and an inbound queue blended with them (R8).
import { ALWAYS_OPEN_WINDOW } from '../compliance/calling-window.ts'
import { resolveCompliance } from '../compliance/profiles.ts'
import { DEFAULT_RETRY_SETTINGS } from '../compliance/retry.ts'
import { InMemoryContactList } from '../dialer/contact-list.ts'
import { Engine } from '../dialer/engine.ts'
import type { EngineCampaign, EngineEvent, PacingChoice } from '../dialer/types.ts'
import { sequentialIds } from '../domain/ids.ts'
import { emptyOutcomeCounts } from '../domain/outcomes.ts'
import { inboundQueueFlow, outdialFlow } from '../flows/defaultFlows.ts'
import type { Clock } from '../ports/clock.ts'
import { SimAgents } from '../sim/agent-model.ts'
import { createRng } from '../sim/rng.ts'
import { type AgentScenario, parseScenario } from '../sim/scenario.ts'
import { SimTelephony } from '../sim/telephony.ts'

export const DEMO_CONTACTS_PER_CAMPAIGN = 3000
export const DEMO_AGENTS = 16
const INBOUND_ARRIVALS_PER_HOUR = 40
const ZONES = ['America/New_York', 'America/Chicago', 'America/Denver', 'America/Los_Angeles']

const DEMO_MODEL = {
  name: 'demo',
  seed: 1,
  durationSec: 7 * 86_400,
  mode: 'predictive',
  agents: DEMO_AGENTS,
  dialRate: 4,
  abandonTargetPct: 3,
  abandonWindowSec: 86_400,
  ringLimitSec: 32,
  outcomes: { live: 0.3, machine: 0.15, busy: 0.08, sit: 0.04, noAnswer: 0.43 },
  answerSec: { dist: 'lognormal', mean: 9, cv: 0.4 },
  busySec: { dist: 'const', value: 3 },
  sitSec: { dist: 'const', value: 2 },
  amd: {
    enabled: true,
    decisionSec: { dist: 'lognormal', mean: 2.5, cv: 0.3 },
    humanAsMachine: 0.01,
    machineAsHuman: 0.1,
  },
  talkSec: { dist: 'lognormal', mean: 90, cv: 0.7 },
  machineTalkSec: { dist: 'const', value: 8 },
  wrapSec: { dist: 'lognormal', mean: 12, cv: 0.5 },
  inbound: {
    arrivalsPerHour: INBOUND_ARRIVALS_PER_HOUR,
    talkSec: { dist: 'lognormal', mean: 120, cv: 0.6 },
    wrapSec: { dist: 'lognormal', mean: 15, cv: 0.5 },
    patienceSec: 120,
  },
}

export interface DemoStatus {
  nowIso: string
  agents: Record<string, number>
  campaigns: {
    id: string
    name: string
    mode: string
    status: string
    linesInFlight: number
    readyAgents: number
    abandonRateWindowPct: number
    outcomes: Record<string, number>
  }[]
  inbound: { waiting: number; answered: number; abandoned: number }
}

function demoCampaign(
  id: string,
  name: string,
  pacing: PacingChoice,
  queueId: string,
): EngineCampaign {
  return {
    id,
    name,
    mode: pacing.kind === 'progressive' ? 'progressive' : 'predictive',
    pacing,
    queueId,
    flow: outdialFlow({
      id: `${id}-flow`,
      onAmd: { play: 'voicemail-drop' },
      onAbandoned: { play: 'abandon-message' },
    }),
    callerId: '+15550100000',
    timeZone: 'America/New_York',
    ringLimitSec: 32,
    cpaEnabled: true,
    amdEnabled: true,
    maxLinesPerServer: pacing.kind === 'progressive' ? pacing.linesPerServer : 4,
    abandonTargetPct: 3,
    correctionPace: 70,
    gain: 1,
    amdHumanAsMachinePct: 1,
    ivrPorts: 0,
    preview: { offerTimeoutSec: 600, autoAction: 'SKIP', actionsDisabled: [] },
    abandonMessagePromptId: 'abandon-message',
    // The demo dials at any hour; real campaigns default to the US profile's 08:00–21:00.
    compliance: resolveCompliance({
      profile: 'CUSTOM',
      callingWindow: ALWAYS_OPEN_WINDOW,
      abandonWindowSec: 86_400,
      dncEnabled: true,
      ndncEnabled: false,
    }),
    dncListNames: [],
    retry: DEFAULT_RETRY_SETTINGS,
    capGuardEnabled: true,
  }
}

export function startDemo(clock: Clock) {
  const parsed = parseScenario(DEMO_MODEL)
  if (!parsed.ok) throw new Error(`demo model invalid: ${JSON.stringify(parsed.errors)}`)
  const model = parsed.scenario as AgentScenario
  const rng = createRng(model.seed)
  const tallies = new Map<string, Record<string, number>>()
  const inbound = { answered: 0, abandoned: 0 }
  let agents: SimAgents | null = null
  const onEvent = (event: EngineEvent): void => {
    agents?.onEvent(event)
    if (event.kind === 'outcome') {
      const tally = tallies.get(event.campaignId) ?? emptyOutcomeCounts()
      tally[event.outcome] = (tally[event.outcome] ?? 0) + 1
      tallies.set(event.campaignId, tally)
    }
    if (event.kind === 'inbound' && event.phase !== 'queued') inbound[event.phase] += 1
  }
  let telephony: SimTelephony | null = null
  const engine = new Engine({
    clock,
    ids: sequentialIds(),
    bus: { publish: onEvent },
    telephony: {
      dial: (r) => telephony!.dial(r),
      hangup: (id) => telephony!.hangup(id),
      bridge: (id, a) => telephony!.bridge(id, a),
      play: (r) => telephony!.play(r),
      startVirtualAgent: (id, b, s) => telephony!.startVirtualAgent(id, b, s),
      callAgent: (a, p) => telephony!.callAgent(a, p),
      releaseAgent: (a) => telephony!.releaseAgent(a),
    },
  })
  telephony = new SimTelephony(model, clock, rng, {
    onEvent: (e) => engine.handleTelephony(e),
    onDial: () => {},
    onAgentHangup: (a) => engine.agentHangup(a),
    onBridge: () => {},
    onCallEnd: () => {},
  })
  configureTenant(engine)
  agents = new SimAgents(model, clock, engine, rng)
  agents.loginAll(Array.from({ length: DEMO_AGENTS }, (_, i) => `agent-${i + 1}`))
  engine.startCampaign('renewals')
  engine.startCampaign('winback')
  scheduleInbound(clock, telephony, rng)
  return { engine, status: (): DemoStatus => demoStatus(engine, clock, tallies, inbound) }
}

function configureTenant(engine: Engine): void {
  engine.addTeam({ id: 'team-sales' })
  engine.addQueue({ id: 'q-renewals', type: 'OUTBOUND', teamIds: ['team-sales'] })
  engine.addQueue({ id: 'q-winback', type: 'OUTBOUND', teamIds: ['team-sales'] })
  engine.addQueue({ id: 'q-support', type: 'INBOUND', teamIds: ['team-sales'] })
  engine.addEntryPoint({
    id: 'ep-support',
    type: 'INBOUND',
    flow: inboundQueueFlow({ id: 'support-flow', queueId: 'q-support' }),
  })
  for (let i = 1; i <= DEMO_AGENTS; i++)
    engine.addAgent({ id: `agent-${i}`, teamIds: ['team-sales'] })
  const campaigns = [
    demoCampaign(
      'renewals',
      'Renewals (progressive 2:1)',
      { kind: 'progressive', linesPerServer: 2 },
      'q-renewals',
    ),
    demoCampaign('winback', 'Win-back (predictive)', { kind: 'predictive' }, 'q-winback'),
  ]
  campaigns.forEach((campaign, c) => {
    const list = new InMemoryContactList()
    for (let i = 0; i < DEMO_CONTACTS_PER_CAMPAIGN; i++) {
      const n = c * DEMO_CONTACTS_PER_CAMPAIGN + i
      list.add({
        id: `${campaign.id}-${i + 1}`,
        campaignId: campaign.id,
        numbers: [`+1212${String(5_000_000 + n).padStart(7, '0')}`],
        timeZone: ZONES[n % ZONES.length]!,
        fields: { firstName: `Customer ${n + 1}` },
      })
    }
    engine.addCampaign(campaign, list)
  })
}

function scheduleInbound(clock: Clock, telephony: SimTelephony, rng: ReturnType<typeof createRng>) {
  const random = rng.stream('demo.inbound')
  let index = 0
  const next = (): void => {
    const gapMs = -Math.log(1 - random.next()) * (3_600_000 / INBOUND_ARRIVALS_PER_HOUR)
    clock.setTimerAt(clock.nowMs() + gapMs, () => {
      index += 1
      telephony.inboundCall(`inbound-${index}`, 'ep-support', 60 + 120 * random.next(), 120)
      next()
    })
  }
  next()
}

function demoStatus(
  engine: Engine,
  clock: Clock,
  tallies: Map<string, Record<string, number>>,
  inbound: { answered: number; abandoned: number },
): DemoStatus {
  const ctx = engine.ctx
  const agents: Record<string, number> = {}
  for (const agent of ctx.agents.values())
    agents[agent.state.kind] = (agents[agent.state.kind] ?? 0) + 1
  const nowMs = clock.nowMs()
  return {
    nowIso: new Date(nowMs).toISOString(),
    agents,
    campaigns: [...ctx.campaigns.values()].map((c) => ({
      id: c.config.id,
      name: c.config.name,
      mode: c.config.mode,
      status: c.status,
      linesInFlight: c.inFlight,
      readyAgents: c.ready.size,
      abandonRateWindowPct: Math.round(c.ledger.ratePct(nowMs) * 100) / 100,
      outcomes: tallies.get(c.config.id) ?? emptyOutcomeCounts(),
    })),
    inbound: {
      waiting: [...ctx.queues.values()].reduce((n, q) => n + q.waiting.length, 0),
      ...inbound,
    },
  }
}
