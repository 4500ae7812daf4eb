// Users and who they are when they call (issue 5 Security): roles, the principal a token or
// session stands for, the tenant's user management, and the credentials that name their user.
// The store owns users and roles; the HTTP layer's authentication (src/api/auth.ts) uses them.
import type { Page, PageRequest } from './page.ts'

export const ROLES = ['admin', 'supervisor', 'agent'] as const
export type Role = (typeof ROLES)[number]

export interface Principal {
  tenantId: string
  userId: string
  username: string
  role: Role
  /** The agent this user is (role agent); agents reach only their own state and contacts. */
  agentId: string | null
}

export interface SessionPrincipal extends Principal {
  csrfToken: string
}

export interface UserView {
  id: string
  username: string
  role: Role
  agentId: string | null
  disabled: boolean
}

export interface IssuedToken {
  id: string
  token: string
  expiresAtMs: number
}

export interface IssuedSession {
  sessionId: string
  csrfToken: string
  expiresAtMs: number
}

/** What a password check grants: the principal, and the credentials epoch it was granted in. */
export interface LoginGrant {
  principal: Principal
  /** Tokens and sessions issued from this grant carry it; raising the user's epoch revokes them. */
  credentialsEpoch: number
}

/** The users of one tenant (R4.2): listed, created with a role, disabled. Bound to one tenant. */
export interface UserAccounts {
  listUsers(page: PageRequest): Promise<Page<UserView>>
  /** Throws DuplicateError when the tenant already has the username (other tenants may). */
  createUser(
    user: { username: string; password: string; role: Role; agentId: string | null },
    nowMs: number,
  ): Promise<UserView>
  /** Disabling revokes every token and session of the user; enabling brings none back. */
  setUserDisabled(userId: string, disabled: boolean): Promise<UserView | null>
  /** Sets a new password and revokes every token and session of the user; null when unknown. */
  resetPassword(userId: string, password: string): Promise<UserView | null>
  /** As resetPassword, only when `currentPassword` is the user's; false when it is not. */
  changePassword(userId: string, currentPassword: string, password: string): Promise<boolean>
}

/**
 * Failed-login counters by key, in the database so that every server process sees the same
 * counts (issue 16). The back-off policy lives with the login routes (src/api/login-throttle.ts).
 */
export interface LoginThrottleStore {
  /** The latest time any of the keys is blocked until; 0 when none is. */
  blockedUntil(keys: readonly string[], nowMs: number): Promise<number>
  /** Counts one failure (the count restarts after `forgetAfterMs` without one); the new count. */
  countFailure(key: string, nowMs: number, forgetAfterMs: number): Promise<number>
  block(key: string, untilMs: number): Promise<void>
  clear(key: string): Promise<void>
}

/**
 * Passwords, API tokens and browser sessions. Cross-tenant by nature, the one exception to the
 * stores bound to a tenant: a username (with its tenant when the name is used in several), a
 * token or a session id is all the caller brings, and it names the user and so the tenant.
 */
export interface Credentials {
  /** The tenant a login names: the given one, else the only tenant with that username, else null. */
  loginTenant(username: string, tenantId: string | undefined): Promise<string | null>
  /** The grant when the password matches and the user is enabled; else null. */
  login(
    tenantId: string | null,
    username: string,
    password: string,
    nowMs: number,
  ): Promise<LoginGrant | null>
  issueToken(grant: LoginGrant, name: string, ttlMs: number, nowMs: number): Promise<IssuedToken>
  createSession(grant: LoginGrant, ttlMs: number, nowMs: number): Promise<IssuedSession>
  endSession(sessionId: string): Promise<void>
  /** Revokes one API token (logout with a bearer token). */
  revokeToken(token: string): Promise<void>
  /** The token's principal; null when the token is unknown, revoked, expired or its user disabled. */
  principalForToken(token: string, nowMs: number): Promise<Principal | null>
  /** The session's principal with its CSRF token; null as for tokens. */
  principalForSession(sessionId: string, nowMs: number): Promise<SessionPrincipal | null>
  readonly throttle: LoginThrottleStore
}
