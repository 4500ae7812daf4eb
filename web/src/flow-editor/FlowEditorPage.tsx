// The flow editor (issue 13, R3): `/admin/flows/:id` and `/admin/flows/new`. A new flow starts by
// choosing its type (the event handler drawn first). Each handler of the flow's kind is a tab with
// its diagram (FlowDiagram) and the selected activity's panel (ActivityPanel). "Check" runs the
// server's validator (POST /v1/flows/validate); "Save" writes with the version read, and the
// API's issues (400 schema, 422 validator) land on their nodes and fields. A stale save (409 on
// the version) says so and offers the current version, as everywhere in the administration.
import {
  Alert,
  Button,
  Grid,
  Group,
  List,
  Loader,
  SegmentedControl,
  Select,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core'
import { useQuery, useQueryClient } from '@tanstack/react-query'
import { type CSSProperties, useState } from 'react'
import { configApi } from '../admin/config-api.ts'
import { Field } from '../admin/fields.tsx'
import { kindOf } from '../admin/kinds.ts'
import { type Stale, VersionBanner } from '../admin/version-banner.tsx'
import { ApiFailure, client, type ErrorDetail } from '../api.ts'
import { useI18n } from '../i18n.tsx'
import { ActivityPanel } from './ActivityPanel.tsx'
import { FlowDiagram } from './FlowDiagram.tsx'
import {
  type Activity,
  type CatalogueAnswer,
  entryOf,
  type FlowBody,
  type Handler,
  newActivity,
  newActivityId,
  placeIssues,
  withExit,
  withoutActivity,
} from './model.ts'

const FLOWS = kindOf('flows')!
const NEW_FLOW_TYPES = ['PreDial', 'OutboundCampaignCallResult'] as const

function newFlow(id: string, name: string, event: string): FlowBody {
  return {
    id,
    name,
    kind: 'outdial',
    // R3.1: every outdial flow declares campaignId.
    variables: [{ name: 'campaignId', type: 'STRING' }],
    handlers: { [event]: { start: '', activities: {} } },
  }
}

/** The first step of a new flow: its id, name and type. */
function NewFlowForm(props: { onStart(flow: FlowBody): void }) {
  const { t } = useI18n()
  const [id, setId] = useState('')
  const [name, setName] = useState('')
  const [type, setType] = useState<string>('OutboundCampaignCallResult')
  return (
    <Stack maw={480}>
      <TextInput label={t('flowId')} value={id} onChange={(e) => setId(e.currentTarget.value)} />
      <TextInput
        label={t('flowName')}
        value={name}
        onChange={(e) => setName(e.currentTarget.value)}
      />
      <Select
        label={t('flowType')}
        description={t('flowTypeHint')}
        styles={{ description: { color: 'var(--mantine-color-gray-7)' } }}
        data={[...NEW_FLOW_TYPES]}
        value={type}
        allowDeselect={false}
        onChange={(next) => next && setType(next)}
      />
      <Group>
        <Button
          disabled={id === '' || name === ''}
          onClick={() => props.onStart(newFlow(id, name, type))}
        >
          {t('flowStart')}
        </Button>
      </Group>
    </Stack>
  )
}

function HandlerEditor(props: {
  event: string
  handler: Handler
  flowKind: string
  catalogue: CatalogueAnswer
  errors: readonly ErrorDetail[]
  readOnly: boolean
  onChange(handler: Handler): void
}) {
  const { event, handler, flowKind, catalogue, errors, readOnly, onChange } = props
  const { t } = useI18n()
  const [selected, setSelected] = useState<string | null>(null)
  const kinds = catalogue.items
    .filter(
      (e) => e.allowedIn.includes(flowKind as 'outdial') && e.events.includes(event as 'PreDial'),
    )
    .map((e) => e.kind)
  const [toAdd, setToAdd] = useState<string | null>(kinds[0] ?? null)
  const { byActivity } = placeIssues(errors, event)
  const setActivity = (id: string, activity: Activity) =>
    onChange({ ...handler, activities: { ...handler.activities, [id]: activity } })
  const add = () => {
    const entry = toAdd ? entryOf(catalogue.items, toAdd) : undefined
    if (!entry) return
    const id = newActivityId(handler, entry.kind)
    const activities = { ...handler.activities, [id]: newActivity(entry) }
    onChange({ start: handler.start === '' ? id : handler.start, activities })
    setSelected(id)
  }
  const current = selected && Object.hasOwn(handler.activities, selected) ? selected : null
  const activity = current ? handler.activities[current] : undefined
  const entry = activity ? entryOf(catalogue.items, activity.kind) : undefined
  return (
    <Stack gap="sm">
      {readOnly ? null : (
        <Group align="flex-end">
          <Select
            label={t('flowActivityKind')}
            data={kinds}
            value={toAdd}
            allowDeselect={false}
            onChange={setToAdd}
          />
          <Button variant="light" onClick={add} disabled={toAdd === null}>
            {t('flowAddActivity')}
          </Button>
        </Group>
      )}
      {Object.keys(handler.activities).length === 0 ? <Text>{t('flowEmpty')}</Text> : null}
      <Grid>
        <Grid.Col span={{ base: 12, md: 8 }}>
          <FlowDiagram
            event={event}
            handler={handler}
            catalogue={catalogue.items}
            issues={byActivity}
            selected={current}
            onSelect={setSelected}
            onConnect={(source, exitKey, target) => {
              if (readOnly || source === target) return
              setActivity(source, withExit(handler.activities[source]!, exitKey, target))
            }}
          />
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 4 }}>
          {current && activity && entry ? (
            <ActivityPanel
              key={current}
              id={current}
              activity={activity}
              entry={entry}
              otherIds={Object.keys(handler.activities).filter((o) => o !== current)}
              isStart={handler.start === current}
              issues={byActivity[current] ?? []}
              readOnly={readOnly}
              onChange={(next) => setActivity(current, next)}
              onSetStart={() => onChange({ ...handler, start: current })}
              onDelete={() => {
                onChange(withoutActivity(handler, current, catalogue.items))
                setSelected(null)
              }}
            />
          ) : (
            <Text size="sm">{t('flowPanelNone')}</Text>
          )}
        </Grid.Col>
      </Grid>
    </Stack>
  )
}

export function FlowEditorPage(props: {
  id: string | null
  readOnly: boolean
  go(path: string): void
}) {
  const { id, readOnly, go } = props
  const { t } = useI18n()
  const queryClient = useQueryClient()
  const isNew = id === null
  const [flow, setFlow] = useState<FlowBody | null>(null)
  const [version, setVersion] = useState(0)
  const [event, setEvent] = useState<string | null>(null)
  const [errors, setErrors] = useState<ErrorDetail[]>([])
  const [message, setMessage] = useState<{ text: string; ok: boolean } | null>(null)
  const [stale, setStale] = useState<Stale | null>(null)
  const [busy, setBusy] = useState(false)
  // The variables' JSON while it does not parse: nothing is checked or saved until it does.
  const [jsonError, setJsonError] = useState<string | null>(null)
  const catalogue = useQuery({
    queryKey: ['flow-activities'],
    queryFn: () => client.get('/v1/flow-activities'),
    staleTime: Number.POSITIVE_INFINITY,
  })
  const loaded = useQuery({
    queryKey: ['config', FLOWS.slug, id],
    queryFn: async () => {
      const doc = await configApi.get(FLOWS, id!)
      setFlow(doc.body as FlowBody)
      setVersion(doc.version)
      return doc
    },
    enabled: !isNew,
    refetchOnWindowFocus: false,
  })
  const failure = catalogue.error ?? (isNew ? null : loaded.error)
  if (failure)
    return (
      <Alert color="red" title={t('errorTitle')}>
        {failure.message}
      </Alert>
    )
  const title = isNew ? t('flowNewTitle') : t('flowEditorTitle', { id })
  const header = (
    <Group justify="space-between">
      <Title order={2}>{title}</Title>
      <Button variant="subtle" onClick={() => go(`/admin/${FLOWS.slug}`)}>
        {t('back')}
      </Button>
    </Group>
  )
  if (!catalogue.data || (!isNew && flow === null)) return <Loader aria-label={t('loading')} />
  if (flow === null)
    return (
      <Stack>
        {header}
        <NewFlowForm onStart={setFlow} />
      </Stack>
    )

  const events = catalogue.data.eventsByFlowKind[flow.kind] ?? []
  const shown = event ?? events.find((e) => flow.handlers[e] !== undefined) ?? events[0] ?? ''
  const handler = flow.handlers[shown]
  const setHandler = (next: Handler | undefined) =>
    setFlow({ ...flow, handlers: { ...flow.handlers, [shown]: next } })

  const check = async () => {
    setMessage(null)
    const result = await client.post('/v1/flows/validate', flow as never)
    setErrors(result.errors)
    setMessage(
      result.ok
        ? { text: t('flowValid'), ok: true }
        : { text: t('flowInvalid', { count: result.errors.length }), ok: false },
    )
  }

  const save = async () => {
    setMessage(null)
    setStale(null)
    setBusy(true)
    try {
      // An absent handler is left out rather than sent as undefined.
      const body = {
        ...flow,
        handlers: Object.fromEntries(Object.entries(flow.handlers).filter(([, h]) => h)),
      }
      if (isNew) {
        const doc = await configApi.create(FLOWS, body)
        await queryClient.invalidateQueries({ queryKey: ['config-list', FLOWS.slug] })
        go(`/admin/${FLOWS.slug}/${encodeURIComponent(doc.id)}`)
        return
      }
      const doc = await configApi.replace(FLOWS, id, body, version)
      setVersion(doc.version)
      setFlow(doc.body as FlowBody)
      setErrors([])
      setMessage({ text: t('flowSaved', { version: doc.version }), ok: true })
      await queryClient.invalidateQueries({ queryKey: ['config-list', FLOWS.slug] })
    } catch (error) {
      if (!(error instanceof ApiFailure)) throw error
      if (error.status === 409 && error.details.some((d) => d.path === 'version')) {
        const current = await configApi.get(FLOWS, id!)
        setStale({ mine: version, current: current.version })
        return
      }
      setErrors(error.details)
      setMessage({ text: error.message, ok: false })
    } finally {
      setBusy(false)
    }
  }

  const loadCurrent = async () => {
    const doc = await configApi.get(FLOWS, id!)
    setFlow(doc.body as FlowBody)
    setVersion(doc.version)
    setStale(null)
    setErrors([])
    setMessage(null)
  }

  // Issues that no node of the shown handler carries: the flow's own fields, other handlers.
  const { other } = placeIssues(errors, shown)
  return (
    // Mantine's error red (red-6) is below AA contrast on white; the darkest red is not.
    <Stack style={{ '--mantine-color-error': 'var(--mantine-color-red-9)' } as CSSProperties}>
      {header}
      <VersionBanner isNew={isNew} version={version} stale={stale} onLoadCurrent={loadCurrent} />
      {message ? (
        <Alert color={message.ok ? 'green' : 'red'} role="status">
          {message.text}
          {other.length > 0 ? (
            <List size="sm" mt="xs" aria-label={t('flowOtherIssues')}>
              {other.map((d) => (
                <List.Item key={`${d.path}:${d.message}`}>
                  <strong>{d.path}</strong> {d.message}
                </List.Item>
              ))}
            </List>
          ) : null}
        </Alert>
      ) : null}
      <Group justify="space-between">
        <SegmentedControl
          aria-label={t('flowHandler')}
          value={shown}
          onChange={setEvent}
          data={events.map((e) => ({ value: e, label: e }))}
        />
        {readOnly ? null : (
          <Group>
            <Button variant="default" onClick={check} disabled={jsonError !== null}>
              {t('flowValidate')}
            </Button>
            <Button onClick={save} loading={busy} disabled={jsonError !== null}>
              {isNew ? t('create') : t('save')}
            </Button>
          </Group>
        )}
      </Group>
      {handler ? (
        <>
          <HandlerEditor
            key={shown}
            event={shown}
            handler={handler}
            flowKind={flow.kind}
            catalogue={catalogue.data}
            errors={errors}
            readOnly={readOnly}
            onChange={setHandler}
          />
          {readOnly ? null : (
            <Group>
              <Button variant="subtle" color="red" onClick={() => setHandler(undefined)}>
                {t('flowRemoveHandler')}
              </Button>
            </Group>
          )}
        </>
      ) : (
        <Stack align="flex-start">
          <Text>{t('flowNoHandler', { event: shown })}</Text>
          {readOnly ? null : (
            <Button variant="light" onClick={() => setHandler({ start: '', activities: {} })}>
              {t('flowAddHandler', { event: shown })}
            </Button>
          )}
        </Stack>
      )}
      <Group align="flex-start" grow>
        <TextInput
          label={t('flowName')}
          value={flow.name}
          readOnly={readOnly}
          onChange={(e) => setFlow({ ...flow, name: e.currentTarget.value })}
        />
        <Field
          spec={{ key: 'variables', required: true, type: 'json' }}
          path="variables"
          value={flow.variables}
          onChange={(next) => setFlow({ ...flow, variables: Array.isArray(next) ? next : [] })}
          errors={errors}
          readOnly={readOnly}
          writeOnly={false}
          locked={false}
          onJsonError={(_path, problem) => setJsonError(problem)}
        />
      </Group>
    </Stack>
  )
}
