// Every store of one tenant, as the store hands them out (the SQL store's `forTenant`). All of
// them are bound to the tenant: no method takes a tenant id, so no call can reach another
// tenant's rows. Only Credentials (accounts.ts) is cross-tenant, by nature.
import type { UserAccounts } from './accounts.ts'
import type { AttemptReports } from './attempt-reports.ts'
import type { AuditLog } from './audit.ts'
import type { CallGuideAnswers } from './call-guide-answers.ts'
import type { ContactLists } from './contact-lists.ts'
import type { RuntimePorts } from './dialer-store.ts'
import type { DncFiles, DncLists } from './dnc.ts'
import type { ConfigDocuments } from './documents.ts'

export interface TenantStores {
  tenantId: string
  documents: ConfigDocuments
  audit: AuditLog
  users: UserAccounts
  dnc: DncLists
  dncFiles: DncFiles
  contactLists: ContactLists
  attemptReports: AttemptReports
  answers: CallGuideAnswers
  /** What the tenant's dialer runtime reads and writes (dialer-store.ts). */
  runtime: RuntimePorts
}
