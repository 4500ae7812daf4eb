// What the dialer runtime needs from the durable store, as narrow async ports (docs/design.md
// "Durability"). One instance of each port serves ONE tenant: the adapter binds the tenant id.
// The SQL adapter implements them; the tests' in-memory implementation
// (test/support/memory/memory-ports.ts) passes the same contract suite (test/support/store-contract.ts).
//
// Ownership: every process start has its own `owner` id. A contact is leased to an owner until a
// time; an attempt is opened under a lease too. Leases are renewed in bulk while the owner lives;
// when it dies they expire, and `recover` hands its open attempts (closed as UNKNOWN) to another
// owner. So a contact is never dialled twice at once, and never lost.

import type {
  AttemptSummary,
  ContactDisposition,
  WrapUpFallback,
} from '../../dialer/contact-list.ts'
import type { CallGuide } from '../../domain/campaign/call-guide.ts'
import type { Campaign } from '../../domain/campaign/campaign.ts'
import type { CampaignGroup } from '../../domain/campaign/campaign-group.ts'
import type { CampaignStatus } from '../../domain/campaign/campaign-status.ts'
import type { StartCampaignRequest } from '../../domain/campaign/dialer-api.ts'
import type { OutcomeGroup } from '../../domain/campaign/outcome-group.ts'
import type { NationalDncRegion } from '../../domain/compliance-profile.ts'
import type { Agent } from '../../domain/config/agent.ts'
import type { AuxCode } from '../../domain/config/aux-code.ts'
import type { FlowDesktopLayout } from '../../domain/config/desktop-layout.ts'
import type { EntryPoint } from '../../domain/config/entry-point.ts'
import type { GlobalVariable } from '../../domain/config/global-variable.ts'
import type { Queue } from '../../domain/config/queue.ts'
import type { SipTrunk } from '../../domain/config/sip-trunk.ts'
import type { Team } from '../../domain/config/team.ts'
import type { Contact } from '../../domain/contact.ts'
import type { AttemptOutcome, HangupParty } from '../../domain/outcomes.ts'
import type { Flow } from '../../flows/schema.ts'
import type { AgentStateLog } from './agent-states.ts'

/** A claim on contacts (and open attempts) by one process until a time on the dialer's clock. */
export interface Lease {
  owner: string
  untilMs: number
}

/** A contact as the store hands it to its lease holder. */
export interface LeasedContact {
  contact: Contact
  /** The contact's closed attempts (UNKNOWN ones included), oldest first: retry rules count them. */
  attempts: AttemptSummary[]
  /** When the contact is due; ≤ the `nowMs` of the lease that returned it. */
  notBeforeMs: number
  /** The agent whose own callback the contact is (R5.2); absent for any other contact. */
  callbackAgentId?: string
}

export interface PendingContacts {
  /** Contacts of the campaign neither finished nor leased by a live lease (due or not). */
  count: number
  /** When the earliest of them falls due; null when there is none. */
  nextDueMs: number | null
}

/** The campaign's contacts (imported lists, R5.3) as the dialer claims and settles them. */
export interface ContactStore {
  /**
   * Claims up to `limit` contacts of the campaign, atomically (one transaction; on PostgreSQL
   * `FOR UPDATE SKIP LOCKED`): contacts that are pending (not finished, list not expired, not
   * closed by R10.3), due (`notBeforeMs ≤ nowMs`), whose lease is absent or expired
   * (`untilMs < nowMs`) and that have NO open attempt. Each is leased to `lease`. Ordered by
   * `notBeforeMs`, then id. A contact leased by a live lease is never returned.
   */
  lease(campaignId: string, nowMs: number, limit: number, lease: Lease): Promise<LeasedContact[]>
  /**
   * Puts a leased contact back, due at `notBeforeMs`, and drops the lease. Only when `owner` holds
   * its lease (expired or not, as long as nobody else took it); otherwise changes nothing and
   * answers false. A contact held for wrap-up (holdForWrapUp) is amended the same way, even one
   * whose fallback finished it. `callbackAgentId` names the agent of an agent callback (R5.2),
   * kept with the contact until its next reschedule or finish; without it the contact has none.
   */
  reschedule(
    contactId: string,
    notBeforeMs: number,
    owner: string,
    callbackAgentId?: string,
  ): Promise<boolean>
  /**
   * The contact's call ended and its agent wraps up (R5.2): writes what the contact becomes if
   * `owner` never amends it — due at `fallback.notBeforeMs`, or finished with its disposition —
   * and KEEPS the lease (renewed as before). A lost lease (expired, or freed because its owner
   * died) thus leaves the contact due only when the retry rules said, or finished; never due at
   * once. `reschedule` or `finish` by the owner then amends it. Same ownership rule.
   */
  holdForWrapUp(
    contactId: string,
    fallback: WrapUpFallback,
    owner: string,
    nowMs: number,
  ): Promise<boolean>
  /**
   * Drops the leases that `owners` (processes known to have ended) hold on pending contacts, so
   * they are due again at once; answers how many.
   */
  releaseLeasesOf(owners: readonly string[]): Promise<number>
  /**
   * Final disposition of a leased contact, or of one held for wrap-up (never offered again); same
   * ownership rule.
   */
  finish(
    contactId: string,
    disposition: ContactDisposition,
    owner: string,
    nowMs: number,
  ): Promise<boolean>
  /**
   * Extends to `lease.untilMs` the leases of `contactIds` that `lease.owner` holds and that have
   * not expired at `nowMs`; others are left alone. The runtime names exactly the contacts it still
   * holds, so a contact whose write was lost is not renewed forever: its lease runs out and it
   * comes back. Answers how many it renewed.
   */
  renewContactLeases(lease: Lease, nowMs: number, contactIds: readonly string[]): Promise<number>
  /** The campaign's pending contacts (for figures and to know when to look again). */
  pending(campaignId: string, nowMs: number): Promise<PendingContacts>
}

export interface AttemptOpen {
  attemptId: string
  campaignId: string
  contactId: string
  number: string
  callerId: string
  /** The agent the line was dialled for (progressive, preview); null for pooled lines. */
  agentId: string | null
  atMs: number
  /** The attempt is held under this lease until it is closed; renewed by renewAttemptLeases. */
  lease: Lease
  /**
   * True when the contact lives in the ContactStore (imported lists): the open then also checks,
   * in the same transaction, that `lease.owner` holds the contact's lease, that it is not finished
   * and that it has no other open attempt. False for Dialer-API records, pulled from the campaign
   * manager and never stored as contacts.
   */
  storedContact: boolean
}

export type AttemptOpenResult =
  | { kind: 'opened' }
  | { kind: 'refused'; reason: 'leaseLost' | 'contactFinished' | 'attemptOpen' | 'duplicateId' }

export interface AttemptDetails {
  dialedAtMs: number
  /** When a live person answered (LIVE_VOICE): the start of talk time in reports (R9.1). */
  connectedAtMs?: number
  hangupParty?: HangupParty
  /** Extra facts for reports (e.g. the attempt could not be opened in time); no personal data. */
  note?: string
  /** The contact's reportable global variables (R4.4, R5.1): never a sensitive one. */
  variables?: Record<string, string>
}

export interface AttemptClose {
  attemptId: string
  outcome: AttemptOutcome
  atMs: number
  agentId: string | null
  details: AttemptDetails
}

/** The agent's business outcome code for a campaign call, written once after its wrap-up (R5.2). */
export interface AttemptDisposition {
  attemptId: string
  code: string
  final: boolean
  success: boolean
  agentId: string
  atMs: number
  /** A callback the agent scheduled: when, and for which agent (null: the campaign). */
  callback: { atMs: number; agentId: string | null } | null
}

export interface RecoveredAttempt {
  attemptId: string
  campaignId: string
  contactId: string
  number: string
  callerId: string
  agentId: string | null
  openedAtMs: number
  /**
   * The attempt's contact, now leased to the caller (its `attempts` include the UNKNOWN one just
   * closed), so the caller applies the retry rules; null for a Dialer-API record.
   */
  contact: LeasedContact | null
}

/** What the compliance rules must remember across restarts (R5.5), read from the attempt log. */
export interface ComplianceHistory {
  /** Per campaign and time bucket (by close time): LIVE_VOICE and ABANDONED attempts. */
  buckets: { campaignId: string; startMs: number; connected: number; abandoned: number }[]
  /** Numbers whose attempt ended ABANDONED or SYSTEM_ABANDONED, and when (repeat-call block). */
  abandonedNumbers: { number: string; atMs: number }[]
}

export interface ComplianceHistoryQuery {
  /** Buckets of attempts closed at or after this time (the longest abandon window). */
  sinceMs: number
  /** Bucket width: `startMs` is a multiple of it. */
  bucketMs: number
  /** Abandoned numbers closed at or after this time (the repeat-after-abandon block). */
  abandonedSinceMs: number
}

/** The append-only attempt log (docs/design.md "Durability"): reports read it (R9.1). */
export interface AttemptLog {
  /**
   * Writes the attempt row. Must complete BEFORE the customer is dialled: the runtime dials only
   * after this resolves `opened`. Refusals are expected outcomes, not errors; a rejected promise
   * (database down) is treated like a refusal by the runtime.
   */
  open(attempt: AttemptOpen): Promise<AttemptOpenResult>
  /**
   * Closes an open attempt with its one outcome (R2.1). Idempotent: closing an attempt that is not
   * open (already closed, recovered, unknown) changes nothing and answers false.
   */
  close(close: AttemptClose): Promise<boolean>
  /** Appends the attempt's disposition; a second one for the same attempt is ignored (false). */
  recordDisposition(disposition: AttemptDisposition): Promise<boolean>
  /**
   * Names the agent a live customer was bridged to, on the open row, from the moment of the
   * bridge (R7.3): reports and the agent's own view of the attempt show the agent while the call
   * runs. Only an open attempt takes it; otherwise changes nothing and answers false.
   */
  assignAgent(attemptId: string, agentId: string): Promise<boolean>
  /**
   * Crash recovery, atomically per attempt: every open attempt whose lease expired before `nowMs`,
   * or whose owner is among `deadOwners` (a process known to have ended, issue 16), is closed as
   * UNKNOWN at `nowMs`, and its stored contact (if any) is leased to `lease`. At most `limit` per
   * call; the caller repeats while it gets `limit`.
   */
  recover(
    nowMs: number,
    lease: Lease,
    limit: number,
    deadOwners?: readonly string[],
  ): Promise<RecoveredAttempt[]>
  /** The owners of open attempts and of pending contacts' leases that hold at `nowMs`. */
  leaseOwners(nowMs: number): Promise<string[]>
  /**
   * Extends to `lease.untilMs` the leases of the open attempts among `attemptIds` that
   * `lease.owner` holds and that have not expired at `nowMs` (as renewContactLeases).
   */
  renewAttemptLeases(lease: Lease, nowMs: number, attemptIds: readonly string[]): Promise<number>
  /**
   * The abandon ledgers and the repeat-call block start from this at every start, so a restart
   * never forgets the abandons of the regulatory window (aggregated: one row per bucket).
   */
  complianceHistory(query: ComplianceHistoryQuery): Promise<ComplianceHistory>
}

/** The campaign manager's connector (R4.1) with its password in clear: for the runtime only. */
export interface ConnectorCredentials {
  resourceDomain: string
  username: string
  password: string
}

/** The tenant's configuration as validated objects (the API checked every write). */
export interface TenantConfig {
  teams: Team[]
  agents: Agent[]
  queues: Queue[]
  entryPoints: EntryPoint[]
  flows: Flow[]
  campaignGroups: CampaignGroup[]
  /** Campaigns with their stored `status`; CampaignStateStore overrides it when it knows better. */
  campaigns: Campaign[]
  globalVariables: GlobalVariable[]
  /** R3.4: the flows' desktop layouts (interaction panel and popover variables). */
  desktopLayouts: FlowDesktopLayout[]
  /** R5.6: the script designer's forms; a campaign names its call guide. */
  callGuides: CallGuide[]
  auxCodes: AuxCode[]
  /** R5.2: the business outcome groups whose codes agents end campaign calls with. */
  outcomeGroups: OutcomeGroup[]
  connector: ConnectorCredentials | null
  /** Issue 14: the tenant's SIP trunk, its digest password in clear (absent: none configured). */
  sipTrunk?: SipTrunkSettings | null
  /** Issue 14: registering softphones' passwords in clear, by agent id (runtime only). */
  agentSipPasswords?: ReadonlyMap<string, string>
}

/** The SIP trunk with its password in clear: for the runtime only. */
export type SipTrunkSettings = Omit<SipTrunk, 'password'> & { password: string | null }

export interface ConfigSource {
  /** A consistent snapshot of the tenant's configuration (one read transaction). */
  load(): Promise<TenantConfig>
}

/** A campaign's persisted status: a state of the one machine (domain/campaign/campaign-status.ts). */
export type RuntimeCampaignStatus = CampaignStatus

export interface DialerApiDefinition {
  /** The start request with every accepted PUT applied (PUT merges: absent fields are kept). */
  request: StartCampaignRequest
}

export interface PersistedCampaignState {
  campaignId: string
  status: RuntimeCampaignStatus
  updatedAtMs: number
  /** Present for campaigns started through the Dialer API (R10.2). */
  dialerApi?: DialerApiDefinition
}

export interface CampaignStateStore {
  /** Every campaign whose state the runtime ever saved. */
  load(): Promise<PersistedCampaignState[]>
  /** Upserts one campaign's state. Resolves once durable: the runtime acts only after it. */
  save(state: PersistedCampaignState): Promise<void>
}

export interface DncSnapshot {
  /** Internal lists (R5.4, R10.3) by name. */
  lists: { name: string; numbers: readonly string[] }[]
  /** The national lists (NDNC) that were loaded: name, region, numbers and load time each. */
  national: {
    name: string
    region: NationalDncRegion
    numbers: Iterable<string>
    loadedAtMs: number
  }[]
}

export interface DncSource {
  load(): Promise<DncSnapshot>
}

/** Everything a TenantRuntime reads and writes, bound to one tenant. */
export interface RuntimePorts {
  contacts: ContactStore
  attempts: AttemptLog
  /** Every agent state change, for the agent reports (R9.1). */
  agentStates: AgentStateLog
  config: ConfigSource
  campaignStates: CampaignStateStore
  dnc: DncSource
}
