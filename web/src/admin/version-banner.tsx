// What every editor of a versioned configuration object shows above its form (issue 13): the
// version it edits, the stale-version conflict with "load the current version", and the API's
// errors that belong to no field of the form.
import { Alert, Button, List, Text } from '@mantine/core'
import type { ErrorDetail } from '../api.ts'
import { useI18n } from '../i18n.tsx'

/** A save refused with 409: the version the editor sent and the one the server holds. */
export interface Stale {
  mine: number
  current: number
}

export function VersionBanner(props: {
  isNew: boolean
  version: number
  stale: Stale | null
  onLoadCurrent(): void
}) {
  const { t } = useI18n()
  const { isNew, version, stale, onLoadCurrent } = props
  return (
    <>
      {!isNew ? (
        <Text size="sm" data-testid="editor-version">
          {t('colVersion')}: {version}
        </Text>
      ) : null}
      {stale ? (
        <Alert color="orange" title={t('staleTitle')} role="alert">
          <Text size="sm">{t('staleText', { mine: stale.mine, current: stale.current })}</Text>
          <Button mt="sm" onClick={onLoadCurrent}>
            {t('loadCurrent')}
          </Button>
        </Alert>
      ) : null}
    </>
  )
}

/** The API's field errors no field of the form shows, each with its path. */
export function UnplacedErrors(props: { details: readonly ErrorDetail[] }) {
  if (props.details.length === 0) return null
  return (
    <List size="sm" mt="xs">
      {props.details.map((d) => (
        <List.Item key={`${d.path}:${d.message}`}>
          <strong>{d.path}</strong> {d.message}
        </List.Item>
      ))}
    </List>
  )
}
