// The Script Designer (R5.7, R5.6): the tenant's call guides, and an editor of one guide's items —
// questions with their answer type and choices, business fields, global variables and library
// functions — each item's fields generated from its own schema in the domain's call-guide union,
// the whole guide checked with callGuideSchema (the API's) before it is saved.
import {
  ActionIcon,
  Alert,
  Anchor,
  Button,
  Card,
  Group,
  Loader,
  Select,
  Stack,
  Table,
  Title,
} from '@mantine/core'
import { useQuery, useQueryClient } from '@tanstack/react-query'
import { useState } from 'react'
import { callGuideItemSchema } from '../../../src/domain/campaign/call-guide.ts'
import { configApi } from '../admin/config-api.ts'
import { Field } from '../admin/fields.tsx'
import { kindOf } from '../admin/kinds.ts'
import { type FormValue, initialValueOf, validateWith } from '../admin/SchemaForm.tsx'
import { formFieldsOf } from '../admin/schema-fields.ts'
import { ApiFailure, type ErrorDetail } from '../api.ts'
import { useI18n } from '../i18n.tsx'
import { portalPath } from './portal-route.ts'

const GUIDES = kindOf('call-guides')!
const ITEM_SCHEMAS = new Map(
  callGuideItemSchema.options.map((option) => [String(option.shape.kind.value), option]),
)
const ITEM_KINDS = [...ITEM_SCHEMAS.keys()]

type Item = Record<string, unknown>

function newItem(kind: string, index: number): Item {
  const defaults = initialValueOf(ITEM_SCHEMAS.get(kind) ?? null)
  return { ...defaults, kind, id: `item${index + 1}`, label: '' }
}

export function ScriptList(props: { readOnly: boolean; go(path: string): void }) {
  const { t } = useI18n()
  const { readOnly, go } = props
  const guides = useQuery({
    queryKey: ['config-list', GUIDES.slug, 'portal'],
    queryFn: () => configApi.list(GUIDES, { limit: 200, offset: 0 }),
  })
  return (
    <Stack>
      <Group justify="space-between">
        <Title order={2}>{t('portalScripts')}</Title>
        {readOnly ? null : (
          <Button onClick={() => go(portalPath('scripts', 'new'))}>{t('portalNewScript')}</Button>
        )}
      </Group>
      {guides.isError ? <Alert color="red">{guides.error.message}</Alert> : null}
      <Table striped aria-label={t('portalScripts')}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('colId')}</Table.Th>
            <Table.Th>{t('colName')}</Table.Th>
            <Table.Th>{t('portalColItems')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {(guides.data?.items ?? []).map((guide) => (
            <Table.Tr key={guide.id}>
              <Table.Td>
                <Anchor
                  size="sm"
                  href={portalPath('scripts', guide.id)}
                  onClick={(e) => {
                    e.preventDefault()
                    go(portalPath('scripts', guide.id))
                  }}
                >
                  {guide.id}
                </Anchor>
              </Table.Td>
              <Table.Td>{guide.name}</Table.Td>
              <Table.Td>{((guide.body as { items?: unknown[] }).items ?? []).length}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Stack>
  )
}

export function ScriptDesigner(props: {
  id: string | null
  readOnly: boolean
  go(path: string): void
}) {
  const { t } = useI18n()
  const { id, readOnly, go } = props
  const queryClient = useQueryClient()
  const isNew = id === null
  const [value, setValue] = useState<FormValue | null>(
    isNew ? { callGuide: true, items: [newItem('QUESTION', 0)] } : null,
  )
  const [version, setVersion] = useState(0)
  const [errors, setErrors] = useState<ErrorDetail[]>([])
  const [message, setMessage] = useState<string | null>(null)
  const loaded = useQuery({
    queryKey: ['config', GUIDES.slug, id],
    queryFn: async () => {
      const doc = await configApi.get(GUIDES, id!)
      setValue(doc.body as FormValue)
      setVersion(doc.version)
      return doc
    },
    enabled: !isNew,
    refetchOnWindowFocus: false,
  })
  if (loaded.isError) return <Alert color="red">{loaded.error.message}</Alert>
  if (value === null) return <Loader aria-label={t('loading')} />
  const items = (Array.isArray(value.items) ? value.items : []) as Item[]
  const setItems = (next: Item[]) => setValue({ ...value, items: next })
  const top = (formFieldsOf(GUIDES.schema) ?? []).filter((s) => s.key !== 'items')
  const save = async () => {
    const local = validateWith(GUIDES.schema, value)
    setErrors(local)
    if (local.length > 0) {
      setMessage(t('fixErrors'))
      return
    }
    try {
      const doc = isNew
        ? await configApi.create(GUIDES, value)
        : await configApi.replace(GUIDES, id, value, version)
      setVersion(doc.version)
      setValue(doc.body as FormValue)
      setMessage(t('saved', { version: doc.version }))
      await queryClient.invalidateQueries({ queryKey: ['config-list', GUIDES.slug] })
      if (isNew) go(portalPath('scripts', doc.id))
    } catch (error) {
      if (!(error instanceof ApiFailure)) throw error
      setErrors(error.details)
      setMessage(error.message)
    }
  }
  return (
    <Stack>
      <Title order={2}>{isNew ? t('portalNewScript') : t('portalScriptTitle', { id })}</Title>
      {top.map((spec) => (
        <Field
          key={spec.key}
          spec={spec}
          path={spec.key}
          value={value[spec.key]}
          onChange={(next) => setValue({ ...value, [spec.key]: next })}
          errors={errors}
          readOnly={readOnly}
          writeOnly={false}
          locked={!isNew && spec.key === 'id'}
          onJsonError={() => undefined}
        />
      ))}
      <Title order={3}>{t('portalScriptItems')}</Title>
      {errors
        .filter((e) => e.path === 'items')
        .map((e) => (
          <Alert key={e.message} color="red">
            {e.message}
          </Alert>
        ))}
      {items.map((item, index) => {
        const path = `items[${index}]`
        const specs = (formFieldsOf(ITEM_SCHEMAS.get(String(item.kind)) ?? null) ?? []).filter(
          (s) => s.key !== 'kind',
        )
        const replace = (next: Item) => setItems(items.map((it, i) => (i === index ? next : it)))
        return (
          <Card
            // biome-ignore lint/suspicious/noArrayIndexKey: every input is controlled by the item; ids may repeat while typed
            key={index}
            withBorder
            role="group"
            aria-label={t('portalScriptItem', { n: index + 1 })}
          >
            <Stack gap="xs">
              <Group justify="space-between">
                <Select
                  label={t('portalItemKind', { n: index + 1 })}
                  data={ITEM_KINDS}
                  value={String(item.kind)}
                  allowDeselect={false}
                  disabled={readOnly}
                  onChange={(kind) =>
                    kind && replace({ ...newItem(kind, index), id: item.id, label: item.label })
                  }
                />
                {readOnly ? null : (
                  <Group gap={4}>
                    <ActionIcon
                      variant="default"
                      aria-label={t('portalItemUp', { n: index + 1 })}
                      disabled={index === 0}
                      onClick={() => {
                        const next = [...items]
                        next.splice(index - 1, 0, ...next.splice(index, 1))
                        setItems(next)
                      }}
                    >
                      ↑
                    </ActionIcon>
                    <ActionIcon
                      variant="default"
                      color="red"
                      aria-label={t('portalItemRemove', { n: index + 1 })}
                      onClick={() => setItems(items.filter((_, i) => i !== index))}
                    >
                      ✕
                    </ActionIcon>
                  </Group>
                )}
              </Group>
              {specs.map((spec) => (
                <Field
                  key={spec.key}
                  spec={spec}
                  path={`${path}.${spec.key}`}
                  value={item[spec.key]}
                  onChange={(next) => {
                    const copy = { ...item }
                    if (next === undefined) delete copy[spec.key]
                    else copy[spec.key] = next
                    replace(copy)
                  }}
                  errors={errors}
                  readOnly={readOnly}
                  writeOnly={false}
                  locked={false}
                  onJsonError={() => undefined}
                />
              ))}
              {errors
                .filter((e) => e.path === path)
                .map((e) => (
                  <Alert key={e.message} color="red">
                    {e.message}
                  </Alert>
                ))}
            </Stack>
          </Card>
        )
      })}
      {readOnly ? null : (
        <Group>
          <Button
            variant="default"
            onClick={() => setItems([...items, newItem('QUESTION', items.length)])}
          >
            {t('portalAddQuestion')}
          </Button>
          <Button onClick={save}>{isNew ? t('create') : t('save')}</Button>
        </Group>
      )}
      {message ? (
        <Alert color={errors.length > 0 ? 'red' : 'green'} role="status">
          {message}
        </Alert>
      ) : null}
    </Stack>
  )
}
