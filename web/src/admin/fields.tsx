// The field kinds of the generated form (issue 13): one input per FieldSpec, its errors (the
// browser's check or the API's details) shown beside it.
import {
  Checkbox,
  Fieldset,
  MultiSelect,
  NumberInput,
  PasswordInput,
  Select,
  TagsInput,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core'
import { useEffect, useState } from 'react'
import type { ErrorDetail } from '../api.ts'
import { useI18n } from '../i18n.tsx'
import { fieldLabel } from './field-label.ts'
import { errorsUnder, type FieldSpec } from './schema-fields.ts'

interface FieldProps {
  spec: FieldSpec
  /** The path of the field in the body (`profile.outboundCampaignsAllowed`). */
  path: string
  value: unknown
  onChange(value: unknown): void
  errors: readonly ErrorDetail[]
  readOnly: boolean
  /** A secret: accepted by the API, never returned. */
  writeOnly: boolean
  /** An existing object's id cannot change. */
  locked: boolean
  onJsonError(path: string, message: string | null): void
}

/** Descriptions darker than Mantine's dimmed grey, which axe-core finds below AA contrast. */
const DESCRIPTION = { color: 'var(--mantine-color-gray-7)' }

/** A JSON text for one property: parsed on every change, its syntax error shown beside it. */
function JsonField({ spec, path, value, onChange, errors, readOnly, onJsonError }: FieldProps) {
  const { t, language } = useI18n()
  const shown = value === undefined ? '' : JSON.stringify(value, null, 2)
  const [text, setText] = useState(shown)
  const [syntax, setSyntax] = useState<string | null>(null)
  // A value loaded from outside (the current version) replaces the text.
  useEffect(() => {
    setText(shown)
    setSyntax(null)
  }, [shown])
  const messages = [...(syntax ? [syntax] : []), ...errorsUnder(errors, path)]
  return (
    <Textarea
      label={fieldLabel(spec.key, spec.required, language)}
      title={spec.key}
      description={t('jsonHint')}
      autosize
      minRows={2}
      maxRows={14}
      styles={{ input: { fontFamily: 'monospace' }, description: DESCRIPTION }}
      value={text}
      readOnly={readOnly}
      error={messages.length > 0 ? messages.join(' · ') : undefined}
      onChange={(event) => {
        const next = event.currentTarget.value
        setText(next)
        if (next.trim() === '') {
          setSyntax(null)
          onJsonError(path, null)
          onChange(undefined)
          return
        }
        try {
          const parsed: unknown = JSON.parse(next)
          setSyntax(null)
          onJsonError(path, null)
          onChange(parsed)
        } catch (error) {
          const message = t('jsonInvalid', { message: (error as Error).message })
          setSyntax(message)
          onJsonError(path, message)
        }
      }}
    />
  )
}

export function Field(props: FieldProps) {
  const { t, language } = useI18n()
  const { spec, path, value, onChange, errors, readOnly, writeOnly, locked } = props
  const messages = errorsUnder(errors, path)
  const error = messages.length > 0 ? messages.join(' · ') : undefined
  const label = fieldLabel(spec.key, spec.required, language)
  // The property's name stays in the title: the API's errors and the docs name it.
  const common = { label, title: spec.key, error, disabled: readOnly || locked }
  switch (spec.type) {
    case 'string':
      if (writeOnly)
        return (
          <PasswordInput
            {...common}
            description={t('writeOnlyHint')}
            styles={{ description: DESCRIPTION }}
            autoComplete="new-password"
            value={typeof value === 'string' ? value : ''}
            onChange={(e) =>
              onChange(e.currentTarget.value === '' ? undefined : e.currentTarget.value)
            }
          />
        )
      return (
        <TextInput
          {...common}
          maxLength={spec.lengthMax}
          value={typeof value === 'string' ? value : ''}
          onChange={(e) =>
            onChange(e.currentTarget.value === '' ? undefined : e.currentTarget.value)
          }
        />
      )
    case 'number':
      return (
        <NumberInput
          {...common}
          min={spec.min}
          max={spec.max}
          allowDecimal={!spec.int}
          styles={{ description: DESCRIPTION }}
          description={
            spec.min !== undefined && spec.max !== undefined ? `${spec.min}–${spec.max}` : undefined
          }
          value={typeof value === 'number' ? value : ''}
          onChange={(next) => onChange(typeof next === 'number' ? next : undefined)}
        />
      )
    case 'boolean':
      return (
        <Checkbox
          mt="xs"
          label={fieldLabel(spec.key, false, language)}
          title={spec.key}
          error={error}
          disabled={readOnly}
          checked={value === true}
          onChange={(e) => onChange(e.currentTarget.checked)}
        />
      )
    case 'enum':
      return (
        <Select
          {...common}
          data={spec.options}
          clearable={!spec.required}
          value={typeof value === 'string' ? value : null}
          onChange={(next) => onChange(next ?? undefined)}
        />
      )
    case 'literal':
      return <TextInput label={label} title={spec.key} value={String(spec.value)} disabled />
    case 'list': {
      const items = Array.isArray(value) ? value.map(String) : []
      // Left empty, the list takes its schema's default: shown greyed where the items would be.
      const placeholder =
        items.length === 0 && Array.isArray(spec.initial) && spec.initial.length > 0
          ? spec.initial.map(String).join(', ')
          : undefined
      if (spec.item.kind === 'enum')
        return (
          <MultiSelect
            {...common}
            placeholder={placeholder}
            data={spec.item.options}
            value={items}
            onChange={(next) => onChange(next)}
          />
        )
      const asNumbers = spec.item.kind === 'number'
      return (
        <TagsInput
          {...common}
          placeholder={placeholder}
          value={items}
          onChange={(next) => onChange(asNumbers ? next.map(Number) : next)}
        />
      )
    }
    case 'object': {
      const object = (value ?? {}) as Record<string, unknown>
      return (
        <Fieldset legend={label} title={spec.key}>
          {/* A rule over the object's fields (a superRefine) is reported at the object's path. */}
          {errors
            .filter((e) => e.path === path)
            .map((e) => (
              <Text key={e.message} c="red" size="sm">
                {e.message}
              </Text>
            ))}
          {spec.fields.map((sub) => (
            <Field
              key={sub.key}
              {...props}
              spec={sub}
              path={`${path}.${sub.key}`}
              value={object[sub.key]}
              locked={false}
              writeOnly={false}
              onChange={(next) => {
                const copy = { ...object }
                if (next === undefined) delete copy[sub.key]
                else copy[sub.key] = next
                onChange(copy)
              }}
            />
          ))}
        </Fieldset>
      )
    }
    case 'json':
      return <JsonField {...props} />
  }
}
