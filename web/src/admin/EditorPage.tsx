// One editor for every configuration object (issue 13): the generated form, checked in the
// browser with the domain's schema, then saved with the version it was read at. The API's field
// errors show beside their fields; a stale edit (409 on the version) shows the current version
// with a "load current" action; a delete asks first and, if the object is still in use, lists
// what uses it.
import { Alert, Button, Group, List, Loader, Modal, Stack, Text, Title } from '@mantine/core'
import { useQueryClient } from '@tanstack/react-query'
import { useState } from 'react'
import { ApiFailure, type ErrorDetail } from '../api.ts'
import { useI18n } from '../i18n.tsx'
import { configApi } from './config-api.ts'
import type { AdminKind } from './kinds.ts'
import {
  type FormValue,
  initialValueOf,
  SchemaForm,
  unplacedErrors,
  validateWith,
} from './SchemaForm.tsx'
import { useConfigDocument } from './use-config-document.ts'
import { type Stale, UnplacedErrors, VersionBanner } from './version-banner.tsx'

/** The body to send: write-only fields left empty are not sent (the API keeps the stored one). */
export function bodyOf(kind: AdminKind, value: FormValue): FormValue {
  const body = { ...value }
  for (const key of kind.writeOnly)
    if (body[key] === undefined || body[key] === '') delete body[key]
  // What the API shows beside a secret (e.g. `passwordSet`) is not part of the schema.
  delete body.passwordSet
  return body
}

export function EditorPage(props: {
  kind: AdminKind
  id: string | null
  readOnly: boolean
  go(path: string): void
}) {
  const { kind, id, readOnly, go } = props
  const { t } = useI18n()
  const queryClient = useQueryClient()
  const isNew = id === null
  const [value, setValue] = useState<FormValue | null>(isNew ? initialValueOf(kind.schema) : null)
  const [version, setVersion] = useState(0)
  const [errors, setErrors] = useState<ErrorDetail[]>([])
  const [message, setMessage] = useState<string | null>(null)
  const [stale, setStale] = useState<Stale | null>(null)
  const [jsonErrors, setJsonErrors] = useState<Record<string, string>>({})
  const [confirming, setConfirming] = useState(false)
  const [refusal, setRefusal] = useState<ApiFailure | null>(null)
  const [busy, setBusy] = useState(false)
  const loaded = useConfigDocument(kind, id, (body, loadedVersion) => {
    setValue(body)
    setVersion(loadedVersion)
  })
  if (!isNew && loaded.isError)
    return (
      <Alert color="red" title={t('errorTitle')}>
        {loaded.error.message}
      </Alert>
    )
  if (value === null) return <Loader aria-label={t('loading')} />

  const save = async () => {
    setMessage(null)
    setStale(null)
    const local = validateWith(kind.schema, bodyOf(kind, value))
    if (local.length > 0 || Object.keys(jsonErrors).length > 0) {
      setErrors(local)
      setMessage(t('fixErrors'))
      return
    }
    setErrors([])
    setBusy(true)
    try {
      if (isNew) {
        const doc = await configApi.create(kind, bodyOf(kind, value))
        await queryClient.invalidateQueries({ queryKey: ['config-list', kind.slug] })
        go(`/admin/${kind.slug}/${encodeURIComponent(doc.id)}`)
        return
      }
      const doc = await configApi.replace(kind, id, bodyOf(kind, value), version)
      setVersion(doc.version)
      setValue(doc.body as FormValue)
      setMessage(t('saved', { version: doc.version }))
      await queryClient.invalidateQueries({ queryKey: ['config-list', kind.slug] })
    } catch (error) {
      if (!(error instanceof ApiFailure)) throw error
      if (error.status === 409 && error.details.some((d) => d.path === 'version')) {
        const current = await configApi.get(kind, id!)
        setStale({ mine: version, current: current.version })
        return
      }
      setErrors(error.details)
      setMessage(error.message)
    } finally {
      setBusy(false)
    }
  }

  const loadCurrent = async () => {
    const doc = await configApi.get(kind, id!)
    setValue(doc.body as FormValue)
    setVersion(doc.version)
    setStale(null)
    setErrors([])
    setMessage(null)
  }

  const remove = async () => {
    setConfirming(false)
    try {
      await configApi.remove(kind, id!)
      await queryClient.invalidateQueries({ queryKey: ['config-list', kind.slug] })
      go(`/admin/${kind.slug}`)
    } catch (error) {
      if (!(error instanceof ApiFailure)) throw error
      setRefusal(error)
    }
  }

  const unplaced = unplacedErrors(kind.schema, errors)
  return (
    <Stack maw={760}>
      <Group justify="space-between">
        <Title order={2}>
          {isNew
            ? t('newObject', { kind: t(kind.label) })
            : t('editObject', { kind: t(kind.label), id })}
        </Title>
        <Button variant="subtle" onClick={() => go(`/admin/${kind.slug}`)}>
          {t('back')}
        </Button>
      </Group>
      <VersionBanner isNew={isNew} version={version} stale={stale} onLoadCurrent={loadCurrent} />
      {refusal ? (
        <Alert color="red" title={t('deleteRefused', { message: refusal.message })} role="alert">
          <List size="sm">
            {refusal.details.map((d) => (
              <List.Item key={`${d.path}:${d.message}`}>
                <strong>{d.path}</strong> {d.message}
              </List.Item>
            ))}
          </List>
        </Alert>
      ) : null}
      {message ? (
        <Alert color={errors.length > 0 || unplaced.length > 0 ? 'red' : 'green'} role="status">
          {message}
          <UnplacedErrors details={unplaced} />
        </Alert>
      ) : null}
      <form
        onSubmit={(event) => {
          event.preventDefault()
          void save()
        }}
      >
        <SchemaForm
          schema={kind.schema}
          value={value}
          onChange={setValue}
          errors={errors}
          readOnly={readOnly}
          isNew={isNew}
          idField={kind.idField}
          writeOnly={kind.writeOnly}
          onJsonError={(path, problem) =>
            setJsonErrors((all) => {
              const next = { ...all }
              if (problem === null) delete next[path]
              else next[path] = problem
              return next
            })
          }
        />
        {readOnly ? null : (
          <Group mt="md">
            <Button type="submit" loading={busy}>
              {isNew ? t('create') : t('save')}
            </Button>
            {isNew ? null : (
              <Button color="red" variant="outline" onClick={() => setConfirming(true)}>
                {t('delete')}
              </Button>
            )}
          </Group>
        )}
      </form>
      <Modal
        opened={confirming}
        onClose={() => setConfirming(false)}
        title={t('deleteConfirmTitle', { id: id ?? '' })}
      >
        <Text size="sm">{t('deleteConfirmText')}</Text>
        <Group mt="md" justify="flex-end">
          <Button variant="default" onClick={() => setConfirming(false)}>
            {t('cancel')}
          </Button>
          <Button color="red" onClick={remove}>
            {t('delete')}
          </Button>
        </Group>
      </Modal>
    </Stack>
  )
}
