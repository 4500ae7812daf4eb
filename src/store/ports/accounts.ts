// Users and who they are when they call (issue 5 Security): roles, the principal a token or
// session stands for, users, passwords, tokens and sessions. The store owns users and roles; the
// HTTP layer's authentication (src/api/auth.ts) uses them.
import type { Page } from './page.ts'

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

/** Users, passwords, tokens and sessions. */
export interface Accounts {
  /** The user's principal when the password matches and the user is enabled; else null. */
  login(username: string, password: string, nowMs: number): Promise<Principal | null>
  issueToken(principal: Principal, name: string, ttlMs: number, nowMs: number): Promise<IssuedToken>
  createSession(principal: Principal, ttlMs: number, nowMs: number): Promise<IssuedSession>
  endSession(sessionId: string): Promise<void>
  listUsers(tenantId: string, page: { limit: number; offset: number }): Promise<Page<UserView>>
  createUser(
    tenantId: string,
    user: { username: string; password: string; role: Role; agentId: string | null },
    nowMs: number,
  ): Promise<UserView>
  setUserDisabled(tenantId: string, userId: string, disabled: boolean): Promise<UserView | null>
}
