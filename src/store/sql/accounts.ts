// Tenants, users, API tokens and browser sessions (issue 5 Security). Tokens and session ids are
// random 32-byte secrets shown once; only their SHA-256 is stored. SqlAccounts is cross-tenant
// (tenants, logins, tokens and sessions name their user); SqlUserAccounts is bound to one tenant
// and scopes every query by it.
import { createHash, randomBytes, randomUUID } from 'node:crypto'
import type { Kysely } from 'kysely'
import type {
  Credentials,
  IssuedSession,
  IssuedToken,
  Principal,
  Role,
  SessionPrincipal,
  UserAccounts,
  UserView,
} from '../ports/accounts.ts'
import { DuplicateError } from '../ports/documents.ts'
import type { Page, PageRequest } from '../ports/page.ts'
import { isUniqueViolation } from './open.ts'
import { hashPassword, verifyPassword } from './passwords.ts'
import type { Database, UsersTable } from './schema.ts'

const sha256 = (value: string) => createHash('sha256').update(value).digest('hex')
const secret = () => randomBytes(32).toString('base64url')
/** Tokens carry a prefix so a leaked one is recognisable in a secret scanner. */
export const TOKEN_PREFIX = 'odt_'

function principalOf(
  user: Pick<UsersTable, 'id' | 'tenant_id' | 'username' | 'role' | 'agent_id'>,
): Principal {
  return {
    tenantId: user.tenant_id,
    userId: user.id,
    username: user.username,
    role: user.role as Role,
    agentId: user.agent_id,
  }
}

function viewOf(user: UsersTable): UserView {
  return {
    id: user.id,
    username: user.username,
    role: user.role as Role,
    agentId: user.agent_id,
    disabled: user.disabled === 1,
  }
}

/** Tenants and credentials, across tenants: a login, token or session names its user. */
export class SqlAccounts implements Credentials {
  constructor(private readonly db: Kysely<Database>) {}

  async ensureTenant(id: string, name: string, nowMs: number): Promise<boolean> {
    const existing = await this.db
      .selectFrom('tenants')
      .select('id')
      .where('id', '=', id)
      .executeTakeFirst()
    if (existing) return false
    await this.db.insertInto('tenants').values({ id, name, created_at: nowMs }).execute()
    return true
  }

  async userCount(): Promise<number> {
    const row = await this.db
      .selectFrom('users')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow()
    return Number(row.n)
  }

  async login(username: string, password: string, _nowMs: number): Promise<Principal | null> {
    const user = await this.db
      .selectFrom('users')
      .selectAll()
      .where('username', '=', username)
      .executeTakeFirst()
    if (!user) {
      // Same work whether or not the user exists, so timing does not reveal usernames.
      await verifyPassword(password, 'scrypt$16384$8$AAAAAAAAAAAAAAAAAAAAAA==$AAAA')
      return null
    }
    if (!(await verifyPassword(password, user.password_hash)) || user.disabled === 1) return null
    return principalOf(user)
  }

  async issueToken(
    principal: Principal,
    name: string,
    ttlMs: number,
    nowMs: number,
  ): Promise<IssuedToken> {
    const token = `${TOKEN_PREFIX}${secret()}`
    const id = randomUUID()
    const expiresAtMs = nowMs + ttlMs
    await this.db
      .insertInto('api_tokens')
      .values({
        id,
        tenant_id: principal.tenantId,
        user_id: principal.userId,
        token_hash: sha256(token),
        name,
        created_at: nowMs,
        expires_at: expiresAtMs,
      })
      .execute()
    return { id, token, expiresAtMs }
  }

  async principalForToken(token: string, nowMs: number): Promise<Principal | null> {
    const row = await this.db
      .selectFrom('api_tokens')
      .innerJoin('users', 'users.id', 'api_tokens.user_id')
      .select([
        'users.id',
        'users.tenant_id',
        'users.username',
        'users.role',
        'users.agent_id',
        'users.disabled',
        'api_tokens.expires_at',
      ])
      .where('api_tokens.token_hash', '=', sha256(token))
      .executeTakeFirst()
    if (!row || row.expires_at <= nowMs || row.disabled === 1) return null
    return principalOf(row)
  }

  async createSession(principal: Principal, ttlMs: number, nowMs: number): Promise<IssuedSession> {
    const sessionId = secret()
    const csrfToken = secret()
    const expiresAtMs = nowMs + ttlMs
    await this.db
      .insertInto('sessions')
      .values({
        id_hash: sha256(sessionId),
        tenant_id: principal.tenantId,
        user_id: principal.userId,
        csrf_token: csrfToken,
        expires_at: expiresAtMs,
      })
      .execute()
    await this.db.deleteFrom('sessions').where('expires_at', '<=', nowMs).execute()
    return { sessionId, csrfToken, expiresAtMs }
  }

  async principalForSession(sessionId: string, nowMs: number): Promise<SessionPrincipal | null> {
    const row = await this.db
      .selectFrom('sessions')
      .innerJoin('users', 'users.id', 'sessions.user_id')
      .select([
        'users.id',
        'users.tenant_id',
        'users.username',
        'users.role',
        'users.agent_id',
        'users.disabled',
        'sessions.expires_at',
        'sessions.csrf_token',
      ])
      .where('sessions.id_hash', '=', sha256(sessionId))
      .executeTakeFirst()
    if (!row || row.expires_at <= nowMs || row.disabled === 1) return null
    return { ...principalOf(row), csrfToken: row.csrf_token }
  }

  async endSession(sessionId: string): Promise<void> {
    await this.db.deleteFrom('sessions').where('id_hash', '=', sha256(sessionId)).execute()
  }
}

/** The users of one tenant. */
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
    await this.db
      .updateTable('users')
      .set({ disabled: disabled ? 1 : 0 })
      .where('tenant_id', '=', this.tenantId)
      .where('id', '=', userId)
      .execute()
    const row = await this.db
      .selectFrom('users')
      .selectAll()
      .where('tenant_id', '=', this.tenantId)
      .where('id', '=', userId)
      .executeTakeFirst()
    return row ? viewOf(row) : null
  }
}
