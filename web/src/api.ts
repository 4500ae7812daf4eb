// The web app's one API client: the session cookie goes with every request (same origin), the
// CSRF token from sign-in goes as `x-csrf-token` on every change, and an error answers the API's
// one error body ({ error, message, details }) as an ApiFailure.
const CSRF_KEY = 'outdial.csrf'

export interface Principal {
  tenantId: string
  userId: string
  username: string
  role: 'admin' | 'supervisor' | 'agent'
  agentId: string | null
}

export class ApiFailure extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message)
  }
}

async function request<T>(method: string, path: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = {}
  if (body !== undefined) headers['content-type'] = 'application/json'
  const csrf = sessionStorage.getItem(CSRF_KEY)
  if (method !== 'GET' && csrf) headers['x-csrf-token'] = csrf
  const response = await fetch(path, {
    method,
    headers,
    credentials: 'same-origin',
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  })
  if (response.status === 204) return undefined as T
  const text = await response.text()
  const parsed: unknown = text ? JSON.parse(text) : undefined
  if (!response.ok) {
    const message =
      (parsed as { message?: string } | undefined)?.message ??
      `${response.status} ${method} ${path}`
    throw new ApiFailure(response.status, message)
  }
  return parsed as T
}

export const api = {
  get: <T>(path: string) => request<T>('GET', path),
  post: <T>(path: string, body?: unknown) => request<T>('POST', path, body ?? {}),
  put: <T>(path: string, body: unknown) => request<T>('PUT', path, body),
  async login(username: string, password: string): Promise<Principal> {
    const result = await request<{ csrfToken: string; user: Principal }>('POST', '/v1/auth/login', {
      username,
      password,
    })
    sessionStorage.setItem(CSRF_KEY, result.csrfToken)
    return result.user
  },
  async logout(): Promise<void> {
    try {
      await request('POST', '/v1/auth/logout', {})
    } finally {
      sessionStorage.removeItem(CSRF_KEY)
    }
  },
  /** Who is signed in; null without a session (or without its CSRF token, lost with the tab). */
  async me(): Promise<Principal | null> {
    if (!sessionStorage.getItem(CSRF_KEY)) return null
    try {
      return await request<Principal>('GET', '/v1/auth/me')
    } catch (error) {
      if (error instanceof ApiFailure && error.status === 401) return null
      throw error
    }
  },
}

/** The customer's data as GET /v1/agents/{id}/desk answers it (src/runtime/agent-data/messages.ts). */
export interface CustomerField {
  name: string
  label: string
  value: string
  masked: boolean
}
export type GuideItem =
  | {
      kind: 'BUSINESS_FIELD' | 'GLOBAL_VARIABLE' | 'FUNCTION'
      id: string
      label: string
      value: string | null
      masked: boolean
    }
  | {
      kind: 'QUESTION'
      id: string
      label: string
      answerType: 'TEXT' | 'NUMBER' | 'BOOLEAN' | 'CHOICE' | 'DATE'
      required: boolean
      choices?: string[]
    }
export interface Popover {
  campaignId: string
  attemptId: string | null
  fields: CustomerField[]
}
export interface Preview {
  /** When the offer was made, on the dialer's clock (as expiresAtMs). */
  atMs: number
  campaignId: string
  taskId: string
  expiresAtMs: number
  contactId: string
  number: string
  /** The customer's IANA zone: their local time. */
  timeZone: string
  /** The actions the campaign disables (R1.1): not offered; the API refuses them anyway. */
  actionsDisabled: ('SKIP' | 'REMOVE')[]
  autoAction: 'ACCEPT' | 'SKIP' | 'REMOVE'
  record: CustomerField[]
}
export interface Interaction {
  atMs: number
  campaignId: string
  attemptId: string
  contactId: string
  number: string
  /** The customer's IANA zone: their local time. */
  timeZone: string
  panel: CustomerField[]
  callGuide: { formId: string; name: string; items: GuideItem[] } | null
  outcomes: { code: string; label: string; final: boolean }[]
  dncListName: string | null
}
export interface DeskView {
  agentId: string
  popover: Popover | null
  previews: Preview[]
  interaction: Interaction | null
}
export interface AgentStateView {
  agentId: string
  state: 'LoggedOut' | 'Idle' | 'Available' | 'Reserved' | 'Engaged' | 'WrapUp'
  detail: Record<string, unknown>
}
export interface AuxCode {
  id: string
  name: string
  type: 'IDLE' | 'WRAP_UP'
}
/** A configuration list (GET /v1/aux-codes): each item carries its body. */
export interface ConfigList<T> {
  items: { id: string; name: string; body: T }[]
}
