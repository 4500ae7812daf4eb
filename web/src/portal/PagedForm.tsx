// A configuration object edited in pages with Back / Next (issue 13, R5.7: "forms paged with
// Next"). Each Next checks the page with the domain's zod schema (the API's own) and stays while
// a field of the page is wrong; Save on the summary page sends the whole object, and the API's
// field errors are shown beside their fields on the page that holds them (paged-form.ts).
import { Alert, Button, Group, Loader, Stack, Stepper, Table, Text, Title } from '@mantine/core'
import { useQueryClient } from '@tanstack/react-query'
import { type ReactNode, useMemo, useState } from 'react'
import { configApi } from '../admin/config-api.ts'
import { Field } from '../admin/fields.tsx'
import type { AdminKind } from '../admin/kinds.ts'
import { type FormValue, initialValueOf, validateWith } from '../admin/SchemaForm.tsx'
import { formFieldsOf } from '../admin/schema-fields.ts'
import { useConfigDocument } from '../admin/use-config-document.ts'
import { ApiFailure, type ConfigObject, type ErrorDetail } from '../api.ts'
import { useI18n } from '../i18n.tsx'
import { errorsOnPage, type FormPageDef, firstPageWithError } from './paged-form.ts'

/** The body's fields in the pages' order, then any other field it has. */
function summaryEntries(pages: readonly FormPageDef[], value: FormValue): [string, unknown][] {
  const order = pages.flatMap((page) => page.fields)
  const rank = (key: string) => (order.includes(key) ? order.indexOf(key) : order.length)
  return Object.entries(value).sort(([a], [b]) => rank(a) - rank(b))
}

export interface PageContext {
  value: FormValue
  set(key: string, next: unknown): void
  errors: readonly ErrorDetail[]
  readOnly: boolean
  /** The default fields of the page, generated from the schema. */
  fields: ReactNode
}

export function PagedForm(props: {
  kind: AdminKind
  id: string | null
  title: string
  pages: readonly FormPageDef[]
  /** A new object's starting value beyond the schema's defaults. */
  initial?: FormValue
  /** A page's own content (the default is its fields generated from the schema). */
  renderPage?(page: FormPageDef, context: PageContext): ReactNode
  readOnly: boolean
  onSaved(doc: ConfigObject): void
}) {
  const { kind, id, title, pages, initial, renderPage, readOnly, onSaved } = props
  const { t } = useI18n()
  const queryClient = useQueryClient()
  const isNew = id === null
  const [value, setValue] = useState<FormValue | null>(
    isNew ? { ...initialValueOf(kind.schema), ...initial } : null,
  )
  const [version, setVersion] = useState(0)
  const [active, setActive] = useState(0)
  const [errors, setErrors] = useState<ErrorDetail[]>([])
  const [message, setMessage] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const specs = useMemo(() => formFieldsOf(kind.schema) ?? [], [kind.schema])
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

  const set = (key: string, next: unknown) => {
    const copy = { ...value }
    if (next === undefined) delete copy[key]
    else copy[key] = next
    setValue(copy)
  }
  const summary = pages.length
  const next = () => {
    const wrong = errorsOnPage(pages, validateWith(kind.schema, value), active)
    setErrors(wrong)
    setMessage(wrong.length > 0 ? t('fixErrors') : null)
    if (wrong.length === 0) setActive(active + 1)
  }
  const save = async () => {
    const local = validateWith(kind.schema, value)
    if (local.length > 0) {
      setErrors(local)
      setMessage(t('fixErrors'))
      setActive(firstPageWithError(pages, local) ?? summary)
      return
    }
    setBusy(true)
    setMessage(null)
    try {
      const doc = isNew
        ? await configApi.create(kind, value)
        : await configApi.replace(kind, id, value, version)
      setErrors([])
      setVersion(doc.version)
      setValue(doc.body as FormValue)
      await queryClient.invalidateQueries({ queryKey: ['config-list', kind.slug] })
      await queryClient.invalidateQueries({ queryKey: ['portal-tree'] })
      setMessage(t('saved', { version: doc.version }))
      onSaved(doc)
    } catch (error) {
      if (!(error instanceof ApiFailure)) throw error
      setErrors(error.details)
      setMessage(error.message)
      setActive(firstPageWithError(pages, error.details) ?? summary)
    } finally {
      setBusy(false)
    }
  }

  const fieldsOf = (page: FormPageDef) => (
    <Stack gap="sm">
      {page.fields.map((key) => {
        const spec = specs.find((s) => s.key === key)
        if (!spec || page.custom?.includes(key)) return null
        return (
          <Field
            key={key}
            spec={spec}
            path={key}
            value={value[key]}
            onChange={(next) => set(key, next)}
            errors={errors}
            readOnly={readOnly}
            writeOnly={false}
            locked={!isNew && key === kind.idField}
            onJsonError={() => undefined}
          />
        )
      })}
    </Stack>
  )
  const summaryErrors = errorsOnPage(pages, errors, summary)
  return (
    <Stack>
      <Title order={2}>{title}</Title>
      <Stepper
        active={active}
        onStepClick={(step) => step < active && setActive(step)}
        size="sm"
        aria-label={t('portalFormPages')}
      >
        {pages.map((page) => (
          <Stepper.Step key={page.key} label={t(page.label)}>
            {renderPage?.(page, { value, set, errors, readOnly, fields: fieldsOf(page) }) ??
              fieldsOf(page)}
          </Stepper.Step>
        ))}
        <Stepper.Step label={t('portalPageSummary')}>
          <Table aria-label={t('portalPageSummary')} withTableBorder>
            <Table.Tbody>
              {summaryEntries(pages, value).map(([key, v]) => (
                <Table.Tr key={key}>
                  <Table.Th>{key}</Table.Th>
                  <Table.Td style={{ fontFamily: 'monospace', wordBreak: 'break-all' }}>
                    {typeof v === 'string' ? v : JSON.stringify(v)}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
          {summaryErrors.map((e) => (
            <Text key={`${e.path}:${e.message}`} c="red" size="sm">
              {e.path ? `${e.path}: ${e.message}` : e.message}
            </Text>
          ))}
        </Stepper.Step>
      </Stepper>
      {message ? (
        <Alert color={errors.length > 0 ? 'red' : 'green'} role="status">
          {message}
        </Alert>
      ) : null}
      <Group>
        <Button variant="default" disabled={active === 0} onClick={() => setActive(active - 1)}>
          {t('portalBack')}
        </Button>
        {active < summary ? (
          <Button onClick={next}>{t('portalNext')}</Button>
        ) : readOnly ? null : (
          <Button loading={busy} onClick={save}>
            {isNew ? t('create') : t('save')}
          </Button>
        )}
      </Group>
    </Stack>
  )
}
