// The campaign-manager connector as a resource (R4.1): one per tenant; the password is sealed at
// rest and never returned (the view says only whether one is set); on save the validation URL is
// called with the credentials and must answer 2xx, else 422 naming `validationUrl`. The stored
// password is only ever sent where it was sent before (issue 16): the validation URL lies on the
// resource domain's origin (connector schema), and changing either of them needs the password
// again.
import type { z } from 'zod'
import { type Connector, connectorSchema, connectorView } from '../../domain/config/connector.ts'
import type { ConfigDocument } from '../../store/ports/documents.ts'
import type { ErrorDetail } from '../errors.ts'
import { unprocessable } from '../errors.ts'
import type { ConfigResourceSpec } from './config-resource.ts'

export const CONNECTOR_VALIDATION_TIMEOUT_MS = 5000

export interface SecretSealer {
  seal(plain: string): string
  open(sealed: string): string
}

type StoredConnector = Omit<Connector, 'password'> & { passwordSealed: string }

/** Calls the validation URL with basic auth; null when it answered 2xx, else the reason. */
export async function checkConnectorCredentials(
  url: string,
  username: string,
  password: string,
): Promise<string | null> {
  try {
    const response = await fetch(url, {
      headers: {
        authorization: `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}`,
      },
      signal: AbortSignal.timeout(CONNECTOR_VALIDATION_TIMEOUT_MS),
      redirect: 'manual',
    })
    await response.body?.cancel()
    return response.ok ? null : `the validation URL answered HTTP ${response.status}`
  } catch (error) {
    return `the validation URL could not be reached: ${(error as Error).message}`
  }
}

export function connectorResource(
  box: SecretSealer,
  validate: typeof checkConnectorCredentials = checkConnectorCredentials,
): ConfigResourceSpec<typeof connectorSchema> {
  return {
    kind: 'connector',
    path: '/v1/connectors',
    tag: 'connectors',
    noun: 'connector',
    schema: connectorSchema,
    readRoles: ['admin'],
    writeRoles: ['admin'],
    check: async (_connector, tenant, id): Promise<ErrorDetail[]> => {
      const others = (await tenant.all('connector')).filter((c) => c.id !== id)
      return others.length > 0
        ? [
            {
              path: 'id',
              message: `a tenant has one campaign-manager connector (R4.1); '${others[0]!.id}' exists`,
            },
          ]
        : []
    },
    beforeSave: async (
      connector: z.output<typeof connectorSchema>,
      previous: ConfigDocument | null,
    ) => {
      const { password, ...rest } = connector
      const previousSealed = (previous?.body as StoredConnector | undefined)?.passwordSealed
      if (password === undefined && previousSealed === undefined)
        throw unprocessable('a new connector needs its password', [
          { path: 'password', message: 'required on create' },
        ])
      const before = previous?.body as StoredConnector | undefined
      const moved =
        before !== undefined &&
        (before.validationUrl !== connector.validationUrl ||
          before.resourceDomain !== connector.resourceDomain)
      if (password === undefined && moved)
        throw unprocessable('changing validationUrl or resourceDomain needs the password again', [
          { path: 'password', message: 'required when validationUrl or resourceDomain changes' },
        ])
      const clear = password ?? box.open(previousSealed!)
      const problem = await validate(connector.validationUrl, connector.username, clear)
      if (problem)
        throw unprocessable('the credentials were not accepted by the campaign manager', [
          { path: 'validationUrl', message: problem },
        ])
      const stored: StoredConnector = {
        ...rest,
        passwordSealed: password === undefined ? previousSealed! : box.seal(password),
      }
      return stored
    },
    view: (_body, stored) => {
      const { passwordSealed, ...rest } = stored.body as StoredConnector
      return connectorView(rest as Connector, passwordSealed !== undefined)
    },
  }
}
