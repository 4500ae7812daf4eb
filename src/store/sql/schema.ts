// The tables behind the API's accounts, audit log, configuration documents and DNC lists, as
// Kysely types. Times are epoch milliseconds (bigint on PostgreSQL, read back as numbers);
// JSON is kept as text so both databases store it the same way. Every row carries its tenant.
export interface TenantsTable {
  id: string
  name: string
  created_at: number
}

export interface UsersTable {
  id: string
  tenant_id: string
  username: string
  password_hash: string
  role: string
  agent_id: string | null
  disabled: number
  created_at: number
  /** Raised to revoke every token and session of the user (issue 16). */
  credentials_epoch: number
}

export interface ApiTokensTable {
  id: string
  tenant_id: string
  user_id: string
  token_hash: string
  name: string
  created_at: number
  expires_at: number
  /** The user's credentials epoch when issued; valid only while it is still the user's. */
  epoch: number
}

export interface SessionsTable {
  id_hash: string
  tenant_id: string
  user_id: string
  csrf_token: string
  expires_at: number
  epoch: number
}

/** Failed logins per key (`user:…` or `addr:…`), shared by every server process (issue 16). */
export interface LoginThrottleTable {
  key: string
  failures: number
  last_failure_at: number
  blocked_until: number
}

export interface AuditLogTable {
  id: string
  tenant_id: string
  at: number
  seq: number
  actor_user_id: string
  action: string
  object_kind: string
  object_id: string
  summary: string
}

export interface ConfigObjectsTable {
  tenant_id: string
  kind: string
  id: string
  name: string
  body: string
  version: number
  created_at: number
  updated_at: number
}

export interface DncNumbersTable {
  tenant_id: string
  list_name: string
  phone_number: string
  source: string
  reason: string
  added_at: number
}

export interface DncListsTable {
  tenant_id: string
  name: string
  /** internal: numbers added one by one; national: loaded from the regulator's file (R5.4). */
  kind: string
  /** When the list's file was last loaded; the dialer refuses a national list older than allowed. */
  loaded_at: number | null
  /** A national list's region (US, UK): the campaigns whose profile names it scrub against it. */
  region: string | null
}

export interface ContactListsTable {
  tenant_id: string
  id: string
  campaign_id: string
  name: string
  status: string
  mapping: string
  counts: string
  created_at: number
  expired_at: number | null
  /** The process running the import (issue 16), its lease, and why a failed import failed. */
  import_owner: string | null
  import_lease_until: number | null
  failure: string | null
}

/** Rows of an import in progress: invisible to the dialer until the import commits. */
export interface ContactStagingTable {
  tenant_id: string
  list_id: string
  dedup_key: string
  first_row: number
  external_id: string
  numbers: string
  time_zone: string | null
  caller_id: string | null
  fields: string
}

export interface ContactsTable {
  tenant_id: string
  id: string
  campaign_id: string
  list_id: string
  dedup_key: string
  numbers: string
  time_zone: string | null
  caller_id: string | null
  fields: string
  /** pending (dialable when due), done, closed (R10.3), expired (its list expired). */
  status: string
  not_before: number
  /** The process that may dial the contact until `lease_until` (docs/design.md "Durability"). */
  lease_owner: string | null
  lease_until: number | null
  disposition: string | null
  /** R5.2: the agent whose own callback the contact is, until it is rescheduled or finished. */
  callback_agent_id: string | null
  updated_at: number
}

export interface ImportIssuesTable {
  tenant_id: string
  list_id: string
  seq: number
  row: number
  field: string
  reason: string
}

export interface AttemptsTable {
  tenant_id: string
  id: string
  campaign_id: string
  contact_id: string
  /** 1 when the contact is a stored one (imported list); 0 for a Dialer-API record. */
  stored_contact: number
  number: string
  caller_id: string
  agent_id: string | null
  opened_at: number
  lease_owner: string
  lease_until: number
}

export interface AttemptResultsTable {
  tenant_id: string
  attempt_id: string
  outcome: string
  closed_at: number
  agent_id: string | null
  details: string
  /** When a live person answered (LIVE_VOICE): talk time is closed_at − connected_at (R9.1). */
  connected_at: number | null
}

export interface AttemptDispositionsTable {
  tenant_id: string
  attempt_id: string
  code: string
  final: number
  success: number
  agent_id: string
  decided_at: number
  callback_at: number | null
  callback_agent_id: string | null
}

export interface CampaignStatesTable {
  tenant_id: string
  campaign_id: string
  status: string
  updated_at: number
  dialer_api: string | null
}

/** R5.6: the agent's answers to the campaign's call guide, stored with the attempt. */
export interface CallGuideAnswersTable {
  tenant_id: string
  attempt_id: string
  form_id: string
  agent_id: string | null
  answers: string
  saved_at: number
}

/** Issue 13 (R9.1): every agent state change, append-only, for the agent reports. */
export interface AgentStateLogTable {
  tenant_id: string
  agent_id: string
  at: number
  seq: number
  state: string
  code: string | null
  campaign_id: string | null
}

/**
 * Issue 13 (R9.1): attempts counted per campaign × 15-minute UTC interval of their opening ×
 * attempt agent × result agent × outcome × disposition code ('' for none; OPEN before the
 * result), maintained on write (attempt-rollup.ts). Rows may fall to 0 attempts; readers skip them.
 */
export interface AttemptRollupTable {
  tenant_id: string
  campaign_id: string
  quarter_start: number
  attempt_agent: string
  result_agent: string
  outcome: string
  code: string
  attempts: number
  talk_ms: number
}

export interface Database {
  attempt_rollup: AttemptRollupTable
  agent_state_log: AgentStateLogTable
  call_guide_answers: CallGuideAnswersTable
  attempts: AttemptsTable
  attempt_results: AttemptResultsTable
  attempt_dispositions: AttemptDispositionsTable
  campaign_states: CampaignStatesTable
  contact_lists: ContactListsTable
  contact_staging: ContactStagingTable
  contacts: ContactsTable
  import_issues: ImportIssuesTable
  dnc_lists: DncListsTable
  tenants: TenantsTable
  users: UsersTable
  login_throttle: LoginThrottleTable
  api_tokens: ApiTokensTable
  sessions: SessionsTable
  audit_log: AuditLogTable
  config_objects: ConfigObjectsTable
  dnc_numbers: DncNumbersTable
}
