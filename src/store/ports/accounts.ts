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

/** The users of one tenant (R4.2): listed, created with a role, disabled. Bound to one tenant. */
export interface UserAccounts {
  listUsers(page: PageRequest): Promise<Page<UserView>>
  /** Throws DuplicateError when the username is taken (in any tenant: usernames log in alone). */
  createUser(
    user: { username: string; password: string; role: Role; agentId: string | null },
    nowMs: number,
  ): Promise<UserView>
  setUserDisabled(userId: string, disabled: boolean): Promise<UserView | null>
}

/**
 * Passwords, API tokens and browser sessions. Cross-tenant by nature, the one exception to the
 * stores bound to a tenant: a username, a token or a session id is all the caller brings, and it
 * names the user and so the tenant. Writes take the principal, which carries its tenant.
 */
export interface Credentials {
  /** The user's principal when the password matches and the user is enabled; else null. */
  login(username: string, password: string, nowMs: number): Promise<Principal | null>
  issueToken(principal: Principal, name: string, ttlMs: number, nowMs: number): Promise<IssuedToken>
  createSession(principal: Principal, ttlMs: number, nowMs: number): Promise<IssuedSession>
  endSession(sessionId: string): Promise<void>
  /** The token's principal; null when the token is unknown, expired or its user disabled. */
  principalForToken(token: string, nowMs: number): Promise<Principal | null>
  /** The session's principal with its CSRF token; null as for tokens. */
  principalForSession(sessionId: string, nowMs: number): Promise<SessionPrincipal | null>
}
