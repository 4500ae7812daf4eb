// The users of one tenant (R4.2, issue 16), every query scoped by the tenant: listed, created
// (usernames unique within the tenant), disabled, and their passwords changed or reset. Disabling
// a user and setting a password raise the user's credentials epoch and delete their tokens and
// sessions, so none of them works again — also after the user is enabled again.
import { randomUUID } from 'node:crypto'
import type { Kysely, Transaction } from 'kysely'
import type { Role, UserAccounts, UserView } from '../ports/accounts.ts'
import { DuplicateError } from '../ports/documents.ts'
import type { Page, PageRequest } from '../ports/page.ts'
import { isUniqueViolation } from './open.ts'
import { hashPassword, verifyPassword } from './passwords.ts'
import type { Database, UsersTable } from './schema.ts'

function viewOf(user: UsersTable): UserView {
  return {
    id: user.id,
    username: user.username,
    role: user.role as Role,
    agentId: user.agent_id,
    disabled: user.disabled === 1,
  }
}

export class SqlUserAccounts implements UserAccounts {
  constructor(
    private readonly db: Kysely<Database>,
    readonly tenantId: string,
  ) {}

  async listUsers(page: PageRequest): Promise<Page<UserView>> {
    const rows = await this.db
      .selectFrom('users')
      .selectAll()
      .where('tenant_id', '=', this.tenantId)
      .orderBy('username')
      .limit(page.limit)
      .offset(page.offset)
      .execute()
    const total = await this.db
      .selectFrom('users')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('tenant_id', '=', this.tenantId)
      .executeTakeFirstOrThrow()
    return { items: rows.map(viewOf), total: Number(total.n) }
  }

  async createUser(
    user: { username: string; password: string; role: Role; agentId: string | null },
    nowMs: number,
  ): Promise<UserView> {
    const row: UsersTable = {
      id: randomUUID(),
      tenant_id: this.tenantId,
      username: user.username,
      password_hash: await hashPassword(user.password),
      role: user.role,
      agent_id: user.agentId,
      disabled: 0,
      created_at: nowMs,
      credentials_epoch: 0,
    }
    try {
      await this.db.insertInto('users').values(row).execute()
    } catch (error) {
      if (isUniqueViolation(error)) throw new DuplicateError(`username ${user.username} is taken`)
      throw error
    }
    return viewOf(row)
  }

  async setUserDisabled(userId: string, disabled: boolean): Promise<UserView | null> {
    await this.db.transaction().execute(async (trx) => {
      await trx
        .updateTable('users')
        .set({ disabled: disabled ? 1 : 0 })
        .where('tenant_id', '=', this.tenantId)
        .where('id', '=', userId)
        .execute()
      if (disabled) await this.revokeAll(trx, userId)
    })
    return this.view(userId)
  }

  async resetPassword(userId: string, password: string): Promise<UserView | null> {
    const hash = await hashPassword(password)
    await this.db.transaction().execute(async (trx) => {
      await trx
        .updateTable('users')
        .set({ password_hash: hash })
        .where('tenant_id', '=', this.tenantId)
        .where('id', '=', userId)
        .execute()
      await this.revokeAll(trx, userId)
    })
    return this.view(userId)
  }

  async changePassword(
    userId: string,
    currentPassword: string,
    password: string,
  ): Promise<boolean> {
    const user = await this.db
      .selectFrom('users')
      .select('password_hash')
      .where('tenant_id', '=', this.tenantId)
      .where('id', '=', userId)
      .executeTakeFirst()
    if (!user || !(await verifyPassword(currentPassword, user.password_hash))) return false
    return (await this.resetPassword(userId, password)) !== null
  }

  private async view(userId: string): Promise<UserView | null> {
    const row = await this.db
      .selectFrom('users')
      .selectAll()
      .where('tenant_id', '=', this.tenantId)
      .where('id', '=', userId)
      .executeTakeFirst()
    return row ? viewOf(row) : null
  }

  /** Every token and session of the user stops working, and so does one being issued now. */
  private async revokeAll(trx: Transaction<Database>, userId: string): Promise<void> {
    await trx
      .updateTable('users')
      .set((eb) => ({ credentials_epoch: eb('credentials_epoch', '+', 1) }))
      .where('tenant_id', '=', this.tenantId)
      .where('id', '=', userId)
      .execute()
    await trx
      .deleteFrom('api_tokens')
      .where('tenant_id', '=', this.tenantId)
      .where('user_id', '=', userId)
      .execute()
    await trx
      .deleteFrom('sessions')
      .where('tenant_id', '=', this.tenantId)
      .where('user_id', '=', userId)
      .execute()
  }
}
