// Schema migrations, in code, run on open. Types are the portable subset of SQLite and
// PostgreSQL: text, integer/bigint; JSON as text.
import { type Kysely, type Migration, type MigrationProvider, Migrator, sql } from 'kysely'
import { authRevocationThrottle } from './migration-auth.ts'
import { agentStateLog, attemptRollup, reportTimes } from './migration-reports.ts'

const bigint = 'bigint' as const

const initial: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('tenants')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('created_at', bigint, (c) => c.notNull())
      .execute()
    await db.schema
      .createTable('users')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id'))
      .addColumn('username', 'text', (c) => c.notNull().unique())
      .addColumn('password_hash', 'text', (c) => c.notNull())
      .addColumn('role', 'text', (c) => c.notNull())
      .addColumn('agent_id', 'text')
      .addColumn('disabled', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('created_at', bigint, (c) => c.notNull())
      .execute()
    await db.schema
      .createTable('api_tokens')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id'))
      .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
      .addColumn('token_hash', 'text', (c) => c.notNull().unique())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('created_at', bigint, (c) => c.notNull())
      .addColumn('expires_at', bigint, (c) => c.notNull())
      .execute()
    await db.schema
      .createTable('sessions')
      .addColumn('id_hash', 'text', (c) => c.primaryKey())
      .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id'))
      .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
      .addColumn('csrf_token', 'text', (c) => c.notNull())
      .addColumn('expires_at', bigint, (c) => c.notNull())
      .execute()
    await db.schema
      .createTable('audit_log')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id'))
      .addColumn('at', bigint, (c) => c.notNull())
      .addColumn('seq', bigint, (c) => c.notNull())
      .addColumn('actor_user_id', 'text', (c) => c.notNull())
      .addColumn('action', 'text', (c) => c.notNull())
      .addColumn('object_kind', 'text', (c) => c.notNull())
      .addColumn('object_id', 'text', (c) => c.notNull())
      .addColumn('summary', 'text', (c) => c.notNull())
      .execute()
    await db.schema
      .createIndex('audit_log_tenant_at')
      .on('audit_log')
      .columns(['tenant_id', 'at', 'seq'])
      .execute()
    await db.schema
      .createTable('config_objects')
      .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id'))
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('id', 'text', (c) => c.notNull())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('body', 'text', (c) => c.notNull())
      .addColumn('version', 'integer', (c) => c.notNull())
      .addColumn('created_at', bigint, (c) => c.notNull())
      .addColumn('updated_at', bigint, (c) => c.notNull())
      .addPrimaryKeyConstraint('config_objects_pk', ['tenant_id', 'kind', 'id'])
      .addUniqueConstraint('config_objects_name', ['tenant_id', 'kind', 'name'])
      .execute()
    await db.schema
      .createTable('dnc_numbers')
      .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id'))
      .addColumn('list_name', 'text', (c) => c.notNull())
      .addColumn('phone_number', 'text', (c) => c.notNull())
      .addColumn('source', 'text', (c) => c.notNull())
      .addColumn('reason', 'text', (c) => c.notNull())
      .addColumn('added_at', bigint, (c) => c.notNull())
      .addPrimaryKeyConstraint('dnc_numbers_pk', ['tenant_id', 'list_name', 'phone_number'])
      .execute()
    await sql`select 1`.execute(db)
  },
}

const dncLists: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('dnc_lists')
      .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id'))
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('loaded_at', bigint)
      .addPrimaryKeyConstraint('dnc_lists_pk', ['tenant_id', 'name'])
      .execute()
  },
}

const contacts: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('contact_lists')
      .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id'))
      .addColumn('id', 'text', (c) => c.notNull())
      .addColumn('campaign_id', 'text', (c) => c.notNull())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('mapping', 'text', (c) => c.notNull())
      .addColumn('counts', 'text', (c) => c.notNull())
      .addColumn('created_at', bigint, (c) => c.notNull())
      .addColumn('expired_at', bigint)
      .addPrimaryKeyConstraint('contact_lists_pk', ['tenant_id', 'id'])
      .execute()
    await db.schema
      .createTable('contact_staging')
      .addColumn('tenant_id', 'text', (c) => c.notNull())
      .addColumn('list_id', 'text', (c) => c.notNull())
      .addColumn('dedup_key', 'text', (c) => c.notNull())
      .addColumn('first_row', 'integer', (c) => c.notNull())
      .addColumn('external_id', 'text', (c) => c.notNull())
      .addColumn('numbers', 'text', (c) => c.notNull())
      .addColumn('time_zone', 'text')
      .addColumn('caller_id', 'text')
      .addColumn('fields', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('contact_staging_pk', ['tenant_id', 'list_id', 'dedup_key'])
      .execute()
    await db.schema
      .createTable('contacts')
      .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id'))
      .addColumn('id', 'text', (c) => c.notNull())
      .addColumn('campaign_id', 'text', (c) => c.notNull())
      .addColumn('list_id', 'text', (c) => c.notNull())
      .addColumn('dedup_key', 'text', (c) => c.notNull())
      .addColumn('numbers', 'text', (c) => c.notNull())
      .addColumn('time_zone', 'text')
      .addColumn('caller_id', 'text')
      .addColumn('fields', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('not_before', bigint, (c) => c.notNull())
      .addColumn('lease_owner', 'text')
      .addColumn('lease_until', bigint)
      .addColumn('disposition', 'text')
      .addColumn('updated_at', bigint, (c) => c.notNull())
      .addPrimaryKeyConstraint('contacts_pk', ['tenant_id', 'id'])
      .addUniqueConstraint('contacts_dedup', ['tenant_id', 'campaign_id', 'dedup_key'])
      .execute()
    await db.schema
      .createIndex('contacts_due')
      .on('contacts')
      .columns(['tenant_id', 'campaign_id', 'status', 'not_before'])
      .execute()
    await db.schema
      .createTable('import_issues')
      .addColumn('tenant_id', 'text', (c) => c.notNull())
      .addColumn('list_id', 'text', (c) => c.notNull())
      .addColumn('seq', 'integer', (c) => c.notNull())
      .addColumn('row', 'integer', (c) => c.notNull())
      .addColumn('field', 'text', (c) => c.notNull())
      .addColumn('reason', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('import_issues_pk', ['tenant_id', 'list_id', 'seq'])
      .execute()
  },
}

const attempts: Migration = {
  async up(db: Kysely<unknown>) {
    // The attempt log is append-only: what was dialled never changes. Only the lease columns
    // move (renewed while the process lives) until the attempt's result row is written.
    await db.schema
      .createTable('attempts')
      .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id'))
      .addColumn('id', 'text', (c) => c.notNull())
      .addColumn('campaign_id', 'text', (c) => c.notNull())
      .addColumn('contact_id', 'text', (c) => c.notNull())
      .addColumn('stored_contact', 'integer', (c) => c.notNull())
      .addColumn('number', 'text', (c) => c.notNull())
      .addColumn('caller_id', 'text', (c) => c.notNull())
      .addColumn('agent_id', 'text')
      .addColumn('opened_at', bigint, (c) => c.notNull())
      .addColumn('lease_owner', 'text', (c) => c.notNull())
      .addColumn('lease_until', bigint, (c) => c.notNull())
      .addPrimaryKeyConstraint('attempts_pk', ['tenant_id', 'id'])
      .execute()
    await db.schema
      .createIndex('attempts_contact')
      .on('attempts')
      .columns(['tenant_id', 'contact_id'])
      .execute()
    await db.schema
      .createIndex('attempts_campaign')
      .on('attempts')
      .columns(['tenant_id', 'campaign_id', 'opened_at'])
      .execute()
    await db.schema
      .createTable('attempt_results')
      .addColumn('tenant_id', 'text', (c) => c.notNull())
      .addColumn('attempt_id', 'text', (c) => c.notNull())
      .addColumn('outcome', 'text', (c) => c.notNull())
      .addColumn('closed_at', bigint, (c) => c.notNull())
      .addColumn('agent_id', 'text')
      .addColumn('details', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('attempt_results_pk', ['tenant_id', 'attempt_id'])
      .execute()
    await db.schema
      .createTable('campaign_states')
      .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id'))
      .addColumn('campaign_id', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('updated_at', bigint, (c) => c.notNull())
      .addColumn('dialer_api', 'text')
      .addPrimaryKeyConstraint('campaign_states_pk', ['tenant_id', 'campaign_id'])
      .execute()
  },
}

const callGuideAnswers: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('call_guide_answers')
      .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id'))
      .addColumn('attempt_id', 'text', (c) => c.notNull())
      .addColumn('form_id', 'text', (c) => c.notNull())
      .addColumn('agent_id', 'text')
      .addColumn('answers', 'text', (c) => c.notNull())
      .addColumn('saved_at', bigint, (c) => c.notNull())
      .addPrimaryKeyConstraint('call_guide_answers_pk', ['tenant_id', 'attempt_id'])
      .execute()
  },
}

const attemptDispositions: Migration = {
  async up(db: Kysely<unknown>) {
    // R5.2: the agent's business outcome code for a campaign call, appended after its wrap-up.
    await db.schema
      .createTable('attempt_dispositions')
      .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id'))
      .addColumn('attempt_id', 'text', (c) => c.notNull())
      .addColumn('code', 'text', (c) => c.notNull())
      .addColumn('final', 'integer', (c) => c.notNull())
      .addColumn('success', 'integer', (c) => c.notNull())
      .addColumn('agent_id', 'text', (c) => c.notNull())
      .addColumn('decided_at', bigint, (c) => c.notNull())
      .addColumn('callback_at', bigint)
      .addColumn('callback_agent_id', 'text')
      .addPrimaryKeyConstraint('attempt_dispositions_pk', ['tenant_id', 'attempt_id'])
      .execute()
  },
}

const importOwnership: Migration = {
  async up(db: Kysely<unknown>) {
    // Issue 16: an import is owned by the process that runs it (a lease it renews while reading),
    // so a start-up can tell an import whose process died, fail it with a reason and drop its
    // staging rows.
    await db.schema.alterTable('contact_lists').addColumn('import_owner', 'text').execute()
    await db.schema.alterTable('contact_lists').addColumn('import_lease_until', bigint).execute()
    await db.schema.alterTable('contact_lists').addColumn('failure', 'text').execute()
  },
}

const dncListRegion: Migration = {
  async up(db: Kysely<unknown>) {
    // Issue 11: a tenant holds several national lists, one region each (the US registry, the UK
    // TPS); a campaign's profile chooses the regions. Lists loaded before served the US.
    await db.schema.alterTable('dnc_lists').addColumn('region', 'text').execute()
    await sql`update dnc_lists set region = 'US' where kind = 'national'`.execute(db)
  },
}

const contactCallbackAgent: Migration = {
  async up(db: Kysely<unknown>) {
    // R5.2: who an agent callback is for survives a restart (null: no callback for an agent).
    await db.schema.alterTable('contacts').addColumn('callback_agent_id', 'text').execute()
  },
}

const MIGRATIONS: Record<string, Migration> = {
  '0001-accounts-config-dnc': initial,
  '0002-dnc-lists': dncLists,
  '0003-contacts': contacts,
  '0004-attempts': attempts,
  '0005-call-guide-answers': callGuideAnswers,
  '0006-auth-tenant-usernames-revocation-throttle': authRevocationThrottle,
  '0007-attempt-dispositions': attemptDispositions,
  '0008-import-ownership': importOwnership,
  '0009-dnc-list-region': dncListRegion,
  '0010-contact-callback-agent': contactCallbackAgent,
  '0011-report-times': reportTimes,
  '0012-agent-state-log': agentStateLog,
  '0013-attempt-rollup': attemptRollup,
}

class InCodeProvider implements MigrationProvider {
  async getMigrations(): Promise<Record<string, Migration>> {
    return MIGRATIONS
  }
}

/** Runs the migrations not yet run, up to `target` (a migration's name) or to the latest. */
export async function migrate(db: Kysely<unknown>, target?: string): Promise<void> {
  const migrator = new Migrator({ db, provider: new InCodeProvider() })
  const { error, results } =
    target === undefined ? await migrator.migrateToLatest() : await migrator.migrateTo(target)
  const failed = results?.find((r) => r.status === 'Error')
  if (error || failed)
    throw new Error(
      `database migration ${failed?.migrationName ?? ''} failed: ${(error as Error)?.message ?? 'unknown error'}`,
    )
}
