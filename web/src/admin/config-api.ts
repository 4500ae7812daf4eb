// The generic configuration resource (src/api/resources/config-resource.ts) as the admin pages
// call it. Every kind is the same resource with another schema, so each call is typed by the
// teams resource's operations: the list, read, create, replace (If-Match: version) and delete.
import { type ConfigObject, type ConfigPage, client } from '../api.ts'
import type { AdminKind } from './kinds.ts'

/** Every configuration resource answers as the teams resource does (one generic resource). */
const asTeams = (kind: AdminKind) => kind.path as '/v1/teams'
const itemOf = (kind: AdminKind) => `${kind.path}/{id}` as '/v1/teams/{id}'

export const configApi = {
  list: (
    kind: AdminKind,
    query: { q?: string; limit: number; offset: number },
  ): Promise<ConfigPage> =>
    client.get(asTeams(kind), {
      query: query.q ? query : { limit: query.limit, offset: query.offset },
    }),
  get: (kind: AdminKind, id: string): Promise<ConfigObject> =>
    client.get(itemOf(kind), { path: { id } }),
  create: (kind: AdminKind, body: unknown): Promise<ConfigObject> =>
    client.post(asTeams(kind), body as never),
  replace: (kind: AdminKind, id: string, body: unknown, version: number): Promise<ConfigObject> =>
    client.put(itemOf(kind), body as never, { path: { id } }, { 'if-match': String(version) }),
  remove: (kind: AdminKind, id: string): Promise<undefined> =>
    client.delete(itemOf(kind), { path: { id } }),
}
