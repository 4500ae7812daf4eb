// One wizard step's choice of a configuration kind (issue 13): pick existing objects of the kind,
// or create one with the administration area's generated form (SchemaForm), prefilled with the
// wizard's defaults. The form is checked with the domain's schema in the browser, then the API's
// field errors show beside their fields, as in the editor.
import { Alert, Button, Fieldset, Group, MultiSelect, Select, Stack, Text } from '@mantine/core'
import { useQuery, useQueryClient } from '@tanstack/react-query'
import { useState } from 'react'
import { configApi } from '../admin/config-api.ts'
import { bodyOf } from '../admin/EditorPage.tsx'
import type { AdminKind } from '../admin/kinds.ts'
import {
  type FormValue,
  initialValueOf,
  SchemaForm,
  unplacedErrors,
  validateWith,
} from '../admin/SchemaForm.tsx'
import { UnplacedErrors } from '../admin/version-banner.tsx'
import { ApiFailure, type ErrorDetail } from '../api.ts'
import { useI18n } from '../i18n.tsx'

/** The existing objects offered in the picker (the API's largest page). */
const EXISTING_SHOWN_MAX = 200

export function KindPicker(props: {
  kind: AdminKind
  /** Several objects (agents, global variables) or one. */
  multiple?: boolean
  chosen: readonly string[]
  onChosen(ids: string[]): void
  /** The new object's starting body: the wizard's defaults over the schema's. */
  defaults(): FormValue
}) {
  const { kind, multiple = false, chosen, onChosen, defaults } = props
  const { t } = useI18n()
  const queryClient = useQueryClient()
  const existing = useQuery({
    queryKey: ['config-list', kind.slug, 'wizard'],
    queryFn: () => configApi.list(kind, { limit: EXISTING_SHOWN_MAX, offset: 0 }),
  })
  const fresh = () => ({ ...initialValueOf(kind.schema), ...defaults() })
  const [value, setValue] = useState<FormValue | null>(null)
  const [errors, setErrors] = useState<ErrorDetail[]>([])
  const [message, setMessage] = useState<string | null>(null)
  const [jsonErrors, setJsonErrors] = useState<Record<string, string>>({})
  const [busy, setBusy] = useState(false)
  const options = (existing.data?.items ?? []).map((o) => ({
    value: o.id,
    label: o.name && o.name !== o.id ? `${o.id} (${o.name})` : o.id,
  }))
  const label = t(multiple ? 'useExistingMany' : 'useExisting', { kind: t(kind.label) })

  const create = async () => {
    if (value === null) return
    setMessage(null)
    const body = bodyOf(kind, value)
    const local = validateWith(kind.schema, body)
    if (local.length > 0 || Object.keys(jsonErrors).length > 0) {
      setErrors(local)
      setMessage(t('fixErrors'))
      return
    }
    setErrors([])
    setBusy(true)
    try {
      const doc = await configApi.create(kind, body)
      await queryClient.invalidateQueries({ queryKey: ['config-list', kind.slug] })
      onChosen(multiple ? [...chosen.filter((id) => id !== doc.id), doc.id] : [doc.id])
      setValue(null)
    } catch (error) {
      if (!(error instanceof ApiFailure)) throw error
      setErrors(error.details)
      setMessage(error.message)
    } finally {
      setBusy(false)
    }
  }

  const unplaced = unplacedErrors(kind.schema, errors)
  return (
    <Stack gap="sm">
      {multiple ? (
        <MultiSelect
          label={label}
          data={options}
          value={[...chosen]}
          onChange={onChosen}
          searchable
          placeholder={options.length === 0 ? t('noneYet') : undefined}
        />
      ) : (
        <Select
          label={label}
          data={options}
          value={chosen[0] ?? null}
          onChange={(id) => onChosen(id ? [id] : [])}
          searchable
          clearable
          placeholder={options.length === 0 ? t('noneYet') : undefined}
        />
      )}
      <Text size="sm" data-testid={`chosen-${kind.slug}`}>
        {chosen.length > 0 ? t('chosen', { ids: chosen.join(', ') }) : t('nothingChosen')}
      </Text>
      {value === null ? (
        <Group>
          <Button variant="light" onClick={() => setValue(fresh())}>
            {chosen.length > 0 && multiple ? t('createAnother') : t('createNew')}
          </Button>
        </Group>
      ) : (
        <Fieldset legend={t('newObject', { kind: t(kind.label) })}>
          {message ? (
            <Alert color="red" role="status" mb="sm">
              {message}
              <UnplacedErrors details={unplaced} />
            </Alert>
          ) : null}
          <SchemaForm
            schema={kind.schema}
            value={value}
            onChange={setValue}
            errors={errors}
            readOnly={false}
            isNew
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
          <Group mt="md">
            <Button onClick={create} loading={busy}>
              {t('create')}
            </Button>
            <Button variant="default" onClick={() => setValue(null)}>
              {t('closeForm')}
            </Button>
          </Group>
        </Fieldset>
      )}
    </Stack>
  )
}
