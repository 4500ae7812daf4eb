// A form generated from the domain's zod schema of a kind (issue 13): one field per property
// (schema-fields.ts), the whole body as JSON when the kind has no schema in src/domain (flows).
// Validation is the schema's own safeParse, the one the API runs, before anything is sent.
import { Stack } from '@mantine/core'
import { useMemo } from 'react'
import type { z } from 'zod'
import type { ErrorDetail } from '../api.ts'
import { Field } from './fields.tsx'
import { type FieldSpec, formatPath, formFieldsOf } from './schema-fields.ts'

export type FormValue = Record<string, unknown>

/** The schema's issues as the API's error details (the same paths), or none. */
export function validateWith(schema: z.ZodType | null, value: FormValue): ErrorDetail[] {
  if (!schema) return []
  const result = schema.safeParse(value)
  return result.success
    ? []
    : result.error.issues.map((issue) => ({ path: formatPath(issue.path), message: issue.message }))
}

/** A new object's starting value: the schema's defaults. */
export function initialValueOf(schema: z.ZodType | null): FormValue {
  const value: FormValue = {}
  for (const spec of formFieldsOf(schema) ?? []) {
    if (spec.initial !== undefined) value[spec.key] = spec.initial
    else if (spec.type === 'object' && spec.required) value[spec.key] = {}
    else if (spec.type === 'boolean' && spec.required) value[spec.key] = false
  }
  return value
}

/** The errors that no field shows (a rule over several fields, the version …). */
export function unplacedErrors(schema: z.ZodType | null, errors: readonly ErrorDetail[]) {
  const keys = (formFieldsOf(schema) ?? []).map((f) => f.key)
  if (!schema) return errors.filter((e) => e.path !== '')
  return errors.filter(
    (e) =>
      !keys.some((k) => e.path === k || e.path.startsWith(`${k}.`) || e.path.startsWith(`${k}[`)),
  )
}

export function SchemaForm(props: {
  schema: z.ZodType | null
  value: FormValue
  onChange(value: FormValue): void
  errors: readonly ErrorDetail[]
  readOnly: boolean
  isNew: boolean
  idField: string
  writeOnly: readonly string[]
  onJsonError(path: string, message: string | null): void
}) {
  const { schema, value, onChange, errors, readOnly, isNew, idField, writeOnly, onJsonError } =
    props
  const fields = useMemo(() => formFieldsOf(schema), [schema])
  const whole: FieldSpec = { key: 'body', required: true, type: 'json' }
  if (!fields)
    return (
      <Field
        spec={whole}
        path=""
        value={value}
        onChange={(next) => onChange((next ?? {}) as FormValue)}
        errors={errors.filter((e) => e.path === '').map((e) => ({ ...e, path: '' }))}
        readOnly={readOnly}
        writeOnly={false}
        locked={false}
        onJsonError={onJsonError}
      />
    )
  return (
    <Stack gap="sm">
      {fields.map((spec) => (
        <Field
          key={spec.key}
          spec={spec}
          path={spec.key}
          value={value[spec.key]}
          onChange={(next) => {
            const copy = { ...value }
            if (next === undefined) delete copy[spec.key]
            else copy[spec.key] = next
            onChange(copy)
          }}
          errors={errors}
          readOnly={readOnly}
          writeOnly={writeOnly.includes(spec.key)}
          locked={!isNew && spec.key === idField}
          onJsonError={onJsonError}
        />
      ))}
    </Stack>
  )
}
