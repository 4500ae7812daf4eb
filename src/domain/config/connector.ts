// The campaign-manager connector (R4.1, `CampaignManagerCredential`): one per tenant, basic auth
// to the campaign manager's resource domain, checked on save against its validation URL, which
// must be on that domain's origin. The password is write-only: it is accepted here, encrypted at
// rest, and never returned.
import { z } from 'zod'
import { boundedString, idSchema, nameSchema } from './schema-kit.ts'

export const CONNECTOR_URL_LENGTH_MAX = 1024
export const CONNECTOR_USERNAME_LENGTH_MAX = 128
export const CONNECTOR_PASSWORD_LENGTH_MAX = 256
export const CONNECTOR_TYPE = 'CampaignManagerCredential'

function httpUrl(field: string) {
  return boundedString(field, CONNECTOR_URL_LENGTH_MAX, 'URLs are ≤ 1024 characters').refine(
    (value) => {
      try {
        const url = new URL(value)
        return url.protocol === 'https:' || url.protocol === 'http:'
      } catch {
        return false
      }
    },
    { error: `${field} must be an absolute http(s) URL` },
  )
}

/** scheme://host:port of an absolute URL. */
const originOf = (url: string): string | null => {
  try {
    return new URL(url).origin
  } catch {
    return null
  }
}

export const connectorSchema = z
  .object({
    id: idSchema('id'),
    name: nameSchema('name'),
    type: z.literal(CONNECTOR_TYPE).default(CONNECTOR_TYPE),
    /** Base URL of the campaign manager; relative `dialingListFetchURL`s resolve against it. */
    resourceDomain: httpUrl('resourceDomain'),
    username: boundedString('username', CONNECTOR_USERNAME_LENGTH_MAX, 'basic-auth user name'),
    /** Write-only; absent on update keeps the stored one. */
    password: boundedString(
      'password',
      CONNECTOR_PASSWORD_LENGTH_MAX,
      'basic-auth password',
    ).optional(),
    /**
     * GET with basic auth on save; a 2xx answer validates the credentials (R4.1). On the resource
     * domain's origin only, so the password is never sent anywhere else (issue 16).
     */
    validationUrl: httpUrl('validationUrl'),
  })
  .superRefine((connector, ctx) => {
    const domain = originOf(connector.resourceDomain)
    const target = originOf(connector.validationUrl)
    if (domain !== null && target !== null && domain !== target)
      ctx.addIssue({
        code: 'custom',
        path: ['validationUrl'],
        message: `validationUrl must be on the resource domain ${domain}; the credentials are sent to no other host`,
      })
  })
export type Connector = z.infer<typeof connectorSchema>

/** The connector as the API shows it: the secret replaced by whether one is set. */
export type ConnectorView = Omit<Connector, 'password'> & { passwordSet: boolean }

export function connectorView(connector: Connector, passwordSet: boolean): ConnectorView {
  const { password: _secret, ...rest } = connector
  return { ...rest, passwordSet }
}
