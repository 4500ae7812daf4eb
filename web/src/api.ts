// The web app's one API client: the session cookie goes with every request (same origin), the
// CSRF token from sign-in goes as `x-csrf-token` on every change, and an error answers the API's
// one error body ({ error, message, details }) as an ApiFailure. Paths, bodies and answers are
// typed from the server's OpenAPI document (api-schema.d.ts, `npm run gen:api`); `client` takes a
// path template with its parameters, so a route or schema the server changes breaks the build.
import type { paths } from './api-schema.d.ts'

const CSRF_KEY = 'outdial.csrf'

type Method = 'get' | 'post' | 'put' | 'patch' | 'delete'
type PathWith<M extends Method> = {
  [P in keyof paths]: paths[P][M] extends { responses: unknown } ? P : never
}[keyof paths]
type Operation<P extends keyof paths, M extends Method> = paths[P][M]
type JsonOf<R> = R extends { content: { 'application/json': infer B } } ? B : undefined
type Responses<O> = O extends { responses: infer R } ? R : never
/** The answer of the operation's success status (200, 201, 202; 204 has none). */
type Success<O> = 200 extends keyof Responses<O>
  ? JsonOf<Responses<O>[200]>
  : 201 extends keyof Responses<O>
    ? JsonOf<Responses<O>[201]>
    : 202 extends keyof Responses<O>
      ? JsonOf<Responses<O>[202]>
      : undefined
type Body<O> = O extends { requestBody?: { content: { 'application/json': infer B } } } ? B : never
type PathParams<O> = O extends { parameters: { path: infer Q } } ? Q : never
type QueryParams<O> = O extends { parameters: { query?: infer Q } } ? Q : never
interface Params<O> {
  path?: PathParams<O>
  query?: QueryParams<O>
}

export type DeskView = Success<Operation<'/v1/agents/{id}/desk', 'get'>>
export type Popover = NonNullable<DeskView['popover']>
export type Preview = DeskView['previews'][number]
export type Interaction = NonNullable<DeskView['interaction']>
export type CustomerField = Interaction['panel'][number]
export type GuideItem = NonNullable<Interaction['callGuide']>['items'][number]
export type Principal = Success<Operation<'/v1/auth/me', 'get'>>
/** The supervisor board's answers (src/api/routes/board.ts). */
export type BoardView = Success<Operation<'/v1/board', 'get'>>
export type PacingDecisionView = Success<
  Operation<'/v1/campaigns/{id}/pacing-decisions', 'get'>
>['decisions'][number]
export type SeriesPointView = Success<
  Operation<'/v1/campaigns/{id}/series', 'get'>
>['points'][number]

/** One entry of the API's error details: the field path (`queueRankings[0].queueId`) and why. */
export interface ErrorDetail {
  path: string
  message: string
}

export class ApiFailure extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly details: ErrorDetail[] = [],
  ) {
    super(message)
  }
}

async function request<T>(
  method: string,
  path: string,
  body?: unknown,
  extraHeaders: Record<string, string> = {},
): Promise<T> {
  const headers: Record<string, string> = { ...extraHeaders }
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
    const error = parsed as { message?: string; details?: ErrorDetail[] } | undefined
    const message = error?.message ?? `${response.status} ${method} ${path}`
    throw new ApiFailure(response.status, message, error?.details ?? [])
  }
  return parsed as T
}

/** The template with its `{name}` parameters filled in (encoded) and the query appended. */
function urlOf(template: string, params?: { path?: unknown; query?: unknown }): string {
  const values = (params?.path ?? {}) as Record<string, string | number>
  const path = template.replace(/\{(\w+)\}/g, (_m, name: string) => {
    const value = values[name]
    if (value === undefined) throw new Error(`${template}: no value for {${name}}`)
    return encodeURIComponent(String(value))
  })
  const query = Object.entries((params?.query ?? {}) as Record<string, unknown>)
    .filter(([, value]) => value !== undefined)
    .map(([name, value]) => `${encodeURIComponent(name)}=${encodeURIComponent(String(value))}`)
  return query.length > 0 ? `${path}?${query.join('&')}` : path
}

/** Typed by the OpenAPI document: `client.get('/v1/agents/{id}/desk', { path: { id } })`. */
export const client = {
  get: <P extends PathWith<'get'>>(path: P, params?: Params<Operation<P, 'get'>>) =>
    request<Success<Operation<P, 'get'>>>('GET', urlOf(path, params)),
  post: <P extends PathWith<'post'>>(
    path: P,
    body: Body<Operation<P, 'post'>>,
    params?: Params<Operation<P, 'post'>>,
  ) => request<Success<Operation<P, 'post'>>>('POST', urlOf(path, params), body ?? {}),
  put: <P extends PathWith<'put'>>(
    path: P,
    body: Body<Operation<P, 'put'>>,
    params?: Params<Operation<P, 'put'>>,
    headers?: Record<string, string>,
  ) => request<Success<Operation<P, 'put'>>>('PUT', urlOf(path, params), body, headers),
  patch: <P extends PathWith<'patch'>>(
    path: P,
    body: Body<Operation<P, 'patch'>>,
    params?: Params<Operation<P, 'patch'>>,
  ) => request<Success<Operation<P, 'patch'>>>('PATCH', urlOf(path, params), body),
  delete: <P extends PathWith<'delete'>>(path: P, params?: Params<Operation<P, 'delete'>>) =>
    request<undefined>('DELETE', urlOf(path, params)),
}

export type AuditQuery = NonNullable<QueryParams<Operation<'/v1/audit', 'get'>>>
export type UserView = Success<Operation<'/v1/users', 'get'>>['items'][number]
/** A stored configuration object: every configuration resource answers this shape. */
export type ConfigObject = Success<Operation<'/v1/teams/{id}', 'get'>>
export type ConfigPage = Success<Operation<'/v1/teams', 'get'>>

/** The CSRF token kept at sign-in, for a change sent outside `client` (an upload with progress). */
export const csrfToken = (): string | null => sessionStorage.getItem(CSRF_KEY)

/** The session: sign-in keeps the CSRF token for every change that follows. */
export const api = {
  async login(username: string, password: string): Promise<Principal> {
    const result = await client.post('/v1/auth/login', { username, password })
    sessionStorage.setItem(CSRF_KEY, result.csrfToken)
    return result.user
  },
  async logout(): Promise<void> {
    try {
      await client.post('/v1/auth/logout', {})
    } finally {
      sessionStorage.removeItem(CSRF_KEY)
    }
  },
  /** Who is signed in; null without a session (or without its CSRF token, lost with the tab). */
  async me(): Promise<Principal | null> {
    if (!sessionStorage.getItem(CSRF_KEY)) return null
    try {
      return await client.get('/v1/auth/me')
    } catch (error) {
      if (error instanceof ApiFailure && error.status === 401) return null
      throw error
    }
  },
}
