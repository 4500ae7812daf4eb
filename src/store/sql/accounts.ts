// Tenants, logins, API tokens and browser sessions (issue 5 Security, issue 16). Tokens and
// session ids are random 32-byte secrets shown once; only their SHA-256 is stored. Each carries the
// user's credentials epoch when it was issued and is valid only while that is still the user's:
// a password change or reset, or disabling the user, raises it (user-accounts.ts). Cross-tenant: a
// login names its tenant (or its username is unique), a token or a session names its user.
import { createHash, randomBytes, randomUUID } from 'node:crypto'
import type { Kysely } from 'kysely'
import type {
  Credentials,
  IssuedSession,
  IssuedToken,
  LoginGrant,
  Principal,
  Role,
  SessionPrincipal,
} from '../ports/accounts.ts'
import { SqlLoginThrottle } from './login-throttle.ts'
import { verifyPassword } from './passwords.ts'
import type { Database, UsersTable } from './schema.ts'

const sha256 = (value: string) => createHash('sha256').update(value).digest('hex')
const secret = () => randomBytes(32).toString('base64url')
/** Tokens carry a prefix so a leaked one is recognisable in a secret scanner. */
export const TOKEN_PREFIX = 'odt_'
/** A hash of nothing, checked when no user matches, so timing does not reveal usernames. */
const NO_USER_HASH = 'scrypt$16384$8$1$AAAAAAAAAAAAAAAAAAAAAA==$AAAA'

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

const PRINCIPAL_COLUMNS = [
  'users.id',
  'users.tenant_id',
  'users.username',
  'users.role',
  'users.agent_id',
  'users.disabled',
  'users.credentials_epoch',
] as const

/** Tenants and credentials, across tenants: a login, token or session names its user. */
export class SqlAccounts implements Credentials {
  readonly throttle: SqlLoginThrottle

  constructor(private readonly db: Kysely<Database>) {
    this.throttle = new SqlLoginThrottle(db)
  }

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

  async loginTenant(username: string, tenantId: string | undefined): Promise<string | null> {
    if (tenantId !== undefined) return tenantId
    const rows = await this.db
      .selectFrom('users')
      .select('tenant_id')
      .where('username', '=', username)
      .limit(2)
      .execute()
    return rows.length === 1 ? rows[0]!.tenant_id : null
  }

  async login(
    tenantId: string | null,
    username: string,
    password: string,
    _nowMs: number,
  ): Promise<LoginGrant | null> {
    const user =
      tenantId === null
        ? undefined
        : await this.db
            .selectFrom('users')
            .selectAll()
            .where('tenant_id', '=', tenantId)
            .where('username', '=', username)
            .executeTakeFirst()
    if (!user) {
      // Same work whether or not the user exists, so timing does not reveal usernames.
      await verifyPassword(password, NO_USER_HASH)
      return null
    }
    if (!(await verifyPassword(password, user.password_hash)) || user.disabled === 1) return null
    return { principal: principalOf(user), credentialsEpoch: user.credentials_epoch }
  }

  async issueToken(
    grant: LoginGrant,
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
        tenant_id: grant.principal.tenantId,
        user_id: grant.principal.userId,
        token_hash: sha256(token),
        name,
        created_at: nowMs,
        expires_at: expiresAtMs,
        epoch: grant.credentialsEpoch,
      })
      .execute()
    await this.db.deleteFrom('api_tokens').where('expires_at', '<=', nowMs).execute()
    return { id, token, expiresAtMs }
  }

  async principalForToken(token: string, nowMs: number): Promise<Principal | null> {
    const row = await this.db
      .selectFrom('api_tokens')
      .innerJoin('users', 'users.id', 'api_tokens.user_id')
      .select([...PRINCIPAL_COLUMNS, 'api_tokens.expires_at', 'api_tokens.epoch'])
      .where('api_tokens.token_hash', '=', sha256(token))
      .executeTakeFirst()
    if (!row || row.expires_at <= nowMs || row.disabled === 1) return null
    if (row.epoch !== row.credentials_epoch) return null
    return principalOf(row)
  }

  async revokeToken(token: string): Promise<void> {
    await this.db.deleteFrom('api_tokens').where('token_hash', '=', sha256(token)).execute()
  }

  async createSession(grant: LoginGrant, ttlMs: number, nowMs: number): Promise<IssuedSession> {
    const sessionId = secret()
    const csrfToken = secret()
    const expiresAtMs = nowMs + ttlMs
    await this.db
      .insertInto('sessions')
      .values({
        id_hash: sha256(sessionId),
        tenant_id: grant.principal.tenantId,
        user_id: grant.principal.userId,
        csrf_token: csrfToken,
        expires_at: expiresAtMs,
        epoch: grant.credentialsEpoch,
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
        ...PRINCIPAL_COLUMNS,
        'sessions.expires_at',
        'sessions.csrf_token',
        'sessions.epoch',
      ])
      .where('sessions.id_hash', '=', sha256(sessionId))
      .executeTakeFirst()
    if (!row || row.expires_at <= nowMs || row.disabled === 1) return null
    if (row.epoch !== row.credentials_epoch) return null
    return { ...principalOf(row), csrfToken: row.csrf_token }
  }

  async endSession(sessionId: string): Promise<void> {
    await this.db.deleteFrom('sessions').where('id_hash', '=', sha256(sessionId)).execute()
  }
}
