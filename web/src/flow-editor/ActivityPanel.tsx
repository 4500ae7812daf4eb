// The side panel for the selected activity (issue 13): a form generated from its kind's JSON
// Schema (activity-fields.ts), its exits as targets to choose (Case branches: value → target),
// "make start" and delete. The validator's issues show beside their field; those on the activity
// itself or on a field the form has no input for are listed at the top.
import {
  Alert,
  Button,
  Checkbox,
  Group,
  List,
  NumberInput,
  SegmentedControl,
  Select,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core'
import { useState } from 'react'
import { useI18n } from '../i18n.tsx'
import { type ActivityField, activityFields, constantOf } from './activity-fields.ts'
import {
  type Activity,
  type ActivityIssue,
  type CatalogueEntry,
  exitsOf,
  withExit,
  withoutBranch,
} from './model.ts'

const under = (issues: readonly ActivityIssue[], key: string) =>
  issues
    .filter((i) => i.field === key || i.field.startsWith(`${key}.`))
    .map((i) => i.message)
    .join('; ') || undefined

function ValueField(props: {
  field: Extract<ActivityField, { type: 'value' }>
  value: unknown
  error: string | undefined
  readOnly: boolean
  onChange(value: unknown): void
}) {
  const { field, value, error, readOnly, onChange } = props
  const { t } = useI18n()
  const isVariable = typeof value === 'object' && value !== null && 'variable' in value
  const [mode, setMode] = useState<'constant' | 'variable'>(isVariable ? 'variable' : 'constant')
  const text = isVariable
    ? String((value as { variable: unknown }).variable)
    : value === undefined
      ? ''
      : String(value)
  const label = field.required ? `${field.key} *` : field.key
  return (
    <Stack gap={4}>
      {field.variable ? (
        <SegmentedControl
          size="xs"
          aria-label={`${field.key}: ${t('flowValueConstant')} / ${t('flowValueVariable')}`}
          value={mode}
          disabled={readOnly}
          onChange={(next) => {
            const m = next as 'constant' | 'variable'
            setMode(m)
            onChange(m === 'variable' ? { variable: text } : constantOf(text, field.constants))
          }}
          data={[
            { value: 'constant', label: t('flowValueConstant') },
            { value: 'variable', label: t('flowValueVariable') },
          ]}
        />
      ) : null}
      <TextInput
        label={label}
        value={text}
        error={error}
        readOnly={readOnly}
        onChange={(e) => {
          const next = e.currentTarget.value
          onChange(mode === 'variable' ? { variable: next } : constantOf(next, field.constants))
        }}
      />
    </Stack>
  )
}

function FieldInput(props: {
  field: ActivityField
  value: unknown
  error: string | undefined
  readOnly: boolean
  onChange(value: unknown): void
}) {
  const { field, value, error, readOnly, onChange } = props
  const label = field.required ? `${field.key} *` : field.key
  switch (field.type) {
    case 'value':
      return <ValueField {...props} field={field} />
    case 'number':
      return (
        <NumberInput
          label={label}
          value={typeof value === 'number' ? value : ''}
          min={field.min}
          max={field.max}
          allowDecimal={!field.int}
          error={error}
          readOnly={readOnly}
          onChange={(next) => onChange(typeof next === 'number' ? next : undefined)}
        />
      )
    case 'boolean':
      return (
        <Checkbox
          label={label}
          checked={value === true}
          error={error}
          disabled={readOnly}
          onChange={(e) => onChange(e.currentTarget.checked)}
        />
      )
    case 'enum':
      return (
        <Select
          label={label}
          data={field.options}
          value={typeof value === 'string' ? value : null}
          error={error}
          readOnly={readOnly}
          onChange={(next) => onChange(next ?? undefined)}
        />
      )
    case 'string':
      return (
        <TextInput
          label={label}
          value={typeof value === 'string' ? value : ''}
          maxLength={field.lengthMax}
          error={error}
          readOnly={readOnly}
          // An emptied field is sent empty, so the validator names it rather than it vanishing.
          onChange={(e) => onChange(e.currentTarget.value)}
        />
      )
  }
}

export function ActivityPanel(props: {
  id: string
  activity: Activity
  entry: CatalogueEntry
  otherIds: string[]
  isStart: boolean
  issues: ActivityIssue[]
  readOnly: boolean
  onChange(activity: Activity): void
  onSetStart(): void
  onDelete(): void
}) {
  const { id, activity, entry, otherIds, isStart, issues, readOnly, onChange } = props
  const { t } = useI18n()
  const [branch, setBranch] = useState('')
  const fields = activityFields(entry)
  const placed = new Set([...fields.map((f) => f.key), ...entry.exits.map((e) => e.field)])
  const general = issues.filter((i) => !placed.has(i.field.split('.')[0] ?? ''))
  const targets = [
    { value: '', label: t('flowExitNone') },
    ...otherIds.map((o) => ({ value: o, label: o })),
  ]
  const branchesExit = entry.exits.find((e) => e.shape === 'branches')
  const set = (key: string, value: unknown) => {
    const copy: Activity = { ...activity }
    if (value === undefined) delete copy[key]
    else copy[key] = value
    onChange(copy)
  }
  return (
    <Stack gap="sm" aria-label={t('flowPanelTitle', { id })} role="form">
      <Title order={3} size="h4">
        {t('flowPanelTitle', { id })}
      </Title>
      <Text size="sm">{entry.kind}</Text>
      {general.length > 0 ? (
        <Alert color="red" title={t('flowIssuesOn')} role="alert">
          <List size="sm">
            {general.map((i) => (
              <List.Item key={`${i.field}:${i.message}`}>
                {i.field ? <strong>{i.field} </strong> : null}
                {i.message}
              </List.Item>
            ))}
          </List>
        </Alert>
      ) : null}
      {fields.map((field) => (
        <FieldInput
          key={`${id}:${field.key}`}
          field={field}
          value={activity[field.key]}
          error={under(issues, field.key)}
          readOnly={readOnly}
          onChange={(value) => set(field.key, value)}
        />
      ))}
      {exitsOf(activity, entry)
        .filter((exit) => exit.key.includes('.'))
        .map((exit) => (
          <Group key={exit.key} align="flex-end" wrap="nowrap">
            <Select
              style={{ flex: 1 }}
              label={`${branchesExit?.field ?? ''} “${exit.label}”`}
              data={targets}
              value={exit.target ?? ''}
              error={under(issues, exit.key)}
              readOnly={readOnly}
              onChange={(next) => onChange(withExit(activity, exit.key, next || undefined))}
            />
            {readOnly ? null : (
              <Button
                variant="subtle"
                color="red"
                aria-label={t('flowBranchRemove', { value: exit.label })}
                title={t('flowBranchRemove', { value: exit.label })}
                onClick={() => onChange(withoutBranch(activity, exit.key))}
              >
                ✕
              </Button>
            )}
          </Group>
        ))}
      {branchesExit && !readOnly ? (
        <Group align="flex-end" wrap="nowrap">
          <TextInput
            style={{ flex: 1 }}
            label={t('flowBranchValue')}
            value={branch}
            error={
              issues
                .filter((i) => i.field === branchesExit.field)
                .map((i) => i.message)
                .join('; ') || undefined
            }
            onChange={(e) => setBranch(e.currentTarget.value)}
          />
          <Button
            variant="light"
            disabled={branch === ''}
            onClick={() => {
              onChange(withExit(activity, `${branchesExit.field}.${branch}`, undefined))
              setBranch('')
            }}
          >
            {t('flowBranchAdd')}
          </Button>
        </Group>
      ) : null}
      {entry.exits
        .filter((e) => e.shape === 'single')
        .map((exit) => (
          <Select
            key={exit.field}
            label={exit.required ? `${exit.field} *` : exit.field}
            data={targets}
            value={typeof activity[exit.field] === 'string' ? String(activity[exit.field]) : ''}
            error={under(issues, exit.field)}
            readOnly={readOnly}
            onChange={(next) => onChange(withExit(activity, exit.field, next || undefined))}
          />
        ))}
      {readOnly ? null : (
        <Group>
          <Button variant="light" disabled={isStart} onClick={props.onSetStart}>
            {t('flowSetStart')}
          </Button>
          <Button variant="outline" color="red" onClick={props.onDelete}>
            {t('flowDeleteActivity')}
          </Button>
        </Group>
      )}
    </Stack>
  )
}
