// The SQL store as the layers above use it: one object per database that hands out every store of
// one tenant, bound to it (`forTenant`), and keeps what is cross-tenant by nature: the tenants
// themselves and the credentials that name their user (`accounts`).
import type { TenantStores } from '../ports/tenant-stores.ts'
import { SqlAccounts } from './accounts.ts'
import { SqlAgentStates } from './agent-states.ts'
import { SqlCallGuideAnswers } from './answers.ts'
import { AuditSequence, SqlAuditLog } from './audit.ts'
import { SqlContactLists } from './contacts.ts'
import { SqlDialerStore } from './dialer-store.ts'
import { SqlDncLists } from './dnc.ts'
import { SqlConfigDocuments } from './documents.ts'
import type { OpenedDb } from './open.ts'
import { SqlAttemptReports } from './reports.ts'
import { SqlRuntimeSources } from './runtime-sources.ts'
import type { SecretBox } from './secrets.ts'
import { SqlUserAccounts } from './user-accounts.ts'

/** One tenant's stores with their SQL types (the import's sink with chosen DNC lists, etc.). */
export interface SqlTenantStores extends TenantStores {
  documents: SqlConfigDocuments
  audit: SqlAuditLog
  users: SqlUserAccounts
  dnc: SqlDncLists
  dncFiles: SqlDncLists
  contactLists: SqlContactLists
  attemptReports: SqlAttemptReports
  answers: SqlCallGuideAnswers
}

/** Opens nothing: a store without the secret key cannot read a connector's password. */
const NO_SECRETS: Pick<SecretBox, 'open'> = {
  open: () => {
    throw new Error('the store was opened without the secret key: no connector password')
  },
}

export class SqlStore {
  /** Tenants, logins, tokens and sessions: cross-tenant (src/store/ports/accounts.ts). */
  readonly accounts: SqlAccounts
  private readonly auditSequence = new AuditSequence()

  constructor(
    private readonly opened: OpenedDb,
    /** Opens the connectors' sealed passwords for the dialer runtime. */
    private readonly secrets: Pick<SecretBox, 'open'> = NO_SECRETS,
  ) {
    this.accounts = new SqlAccounts(opened.db)
  }

  /** Every store of the tenant, bound to it. Cheap: the API calls it once per request. */
  forTenant(tenantId: string): SqlTenantStores {
    const { db, dialect } = this.opened
    const documents = new SqlConfigDocuments(db, tenantId)
    const dnc = new SqlDncLists(db, tenantId)
    const dialer = new SqlDialerStore(db, tenantId, dialect)
    return {
      tenantId,
      documents,
      audit: new SqlAuditLog(db, tenantId, this.auditSequence),
      users: new SqlUserAccounts(db, tenantId),
      dnc,
      dncFiles: dnc,
      contactLists: new SqlContactLists(db, tenantId, dnc, documents),
      attemptReports: new SqlAttemptReports(db, tenantId),
      answers: new SqlCallGuideAnswers(db, tenantId),
      runtime: {
        contacts: dialer,
        attempts: dialer,
        agentStates: new SqlAgentStates(db, tenantId),
        ...new SqlRuntimeSources(db, tenantId, this.secrets).ports(),
      },
    }
  }

  /** The id of every tenant, in order. */
  async tenantIds(): Promise<string[]> {
    const rows = await this.opened.db.selectFrom('tenants').select('id').orderBy('id').execute()
    return rows.map((row) => row.id)
  }
}
