// The caller's tenant's stores, resolved once per request: after authentication an onRequest hook
// binds the stores to the principal's tenant, and every route reads them with `storesOf(request)`.
// So no route passes a tenant id to a store, and none can reach another tenant's rows.
import type { FastifyInstance, FastifyRequest } from 'fastify'
import type { TenantStores } from '../store/ports/tenant-stores.ts'
import { unauthorized } from './errors.ts'

declare module 'fastify' {
  interface FastifyRequest {
    stores: TenantStores | null
  }
}

/** Binds each authenticated request to its tenant's stores; register after `registerAuth`. */
export function registerTenantStores(
  app: FastifyInstance,
  storesFor: (tenantId: string) => TenantStores,
): void {
  app.decorateRequest('stores', null)
  app.addHook('onRequest', async (request: FastifyRequest) => {
    if (request.principal) request.stores = storesFor(request.principal.tenantId)
  })
}

/** The stores of the authenticated caller's tenant. */
export function storesOf(request: FastifyRequest): TenantStores {
  if (!request.stores) throw unauthorized()
  return request.stores
}
