// The campaign wizard (issue 13, R4, R5): `/admin/wizard`, a first campaign set up in the order
// the guide walks — connector → agents and teams → outdial queue → global variables → flow → entry
// point → campaign group → campaign → call guide — then (optionally) its contacts, then started
// through the campaign-control API. Each step picks existing objects or creates them
// (KindPicker, the administration area's generated form); the ids chosen are carried forward
// into the next steps' defaults (defaults.ts). A Mantine Stepper shows where the admin is.
import { Alert, Button, Group, Stack, Stepper, Table, Text, Title } from '@mantine/core'
import { useState } from 'react'
import { configApi } from '../admin/config-api.ts'
import { type AdminKind, kindOf } from '../admin/kinds.ts'
import { ApiFailure, client } from '../api.ts'
import { type MessageKey, useI18n } from '../i18n.tsx'
import { ContactUpload } from '../uploads/ContactUpload.tsx'
import { defaultsFor, NO_CHOICES, type WizardChoices, type WizardSlot } from './defaults.ts'
import { KindPicker } from './KindPicker.tsx'

interface Part {
  slot: WizardSlot
  kind: AdminKind
  multiple?: boolean
}

interface StepDef {
  label: MessageKey
  help: MessageKey
  parts: Part[]
  /** May be skipped (the built-in campaign manager needs no connector, …). */
  optional?: boolean
}

const part = (slot: WizardSlot, slug: string, multiple = false): Part => ({
  slot,
  kind: kindOf(slug)!,
  multiple,
})

/** The guide's order; contacts and the start follow. */
const STEPS: readonly StepDef[] = [
  {
    label: 'stepConnector',
    help: 'stepConnectorHelp',
    parts: [part('connector', 'connectors')],
    optional: true,
  },
  {
    label: 'stepAgents',
    help: 'stepAgentsHelp',
    parts: [part('agents', 'agents', true), part('team', 'teams')],
  },
  { label: 'stepQueue', help: 'stepQueueHelp', parts: [part('queue', 'queues')] },
  {
    label: 'stepVariables',
    help: 'stepVariablesHelp',
    parts: [part('variables', 'global-variables', true)],
    optional: true,
  },
  { label: 'stepFlow', help: 'stepFlowHelp', parts: [part('flow', 'flows')] },
  {
    label: 'stepEntryPoint',
    help: 'stepEntryPointHelp',
    parts: [part('entryPoint', 'entry-points')],
  },
  {
    label: 'stepCampaignGroup',
    help: 'stepCampaignGroupHelp',
    parts: [part('campaignGroup', 'campaign-groups')],
  },
  {
    label: 'stepCampaign',
    help: 'stepCampaignHelp',
    parts: [part('outcomeGroup', 'outcome-groups'), part('campaign', 'campaigns')],
  },
  {
    label: 'stepCallGuide',
    help: 'stepCallGuideHelp',
    parts: [part('callGuide', 'call-guides')],
    optional: true,
  },
]
const CONTACTS_STEP = STEPS.length
const START_STEP = STEPS.length + 1

/** Puts the chosen call guide on the chosen campaign (a replace at the version read). */
async function attachGuide(campaignId: string, guideId: string): Promise<boolean> {
  const kind = kindOf('campaigns')!
  const doc = await configApi.get(kind, campaignId)
  const body = doc.body as Record<string, unknown>
  if (body.callGuideFormId === guideId) return false
  await configApi.replace(kind, campaignId, { ...body, callGuideFormId: guideId }, doc.version)
  return true
}

function StartStep(props: { choices: WizardChoices }) {
  const { t } = useI18n()
  const { choices } = props
  const campaignId = choices.campaign[0]!
  const [status, setStatus] = useState<string | null>(null)
  const [failure, setFailure] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const start = async () => {
    setFailure(null)
    setBusy(true)
    try {
      const answer = await client.post(
        '/v1/campaigns/{id}/{action}',
        {},
        { path: { id: campaignId, action: 'start' } },
      )
      setStatus(answer.status)
    } catch (error) {
      if (!(error instanceof ApiFailure)) throw error
      setFailure(error.message)
    } finally {
      setBusy(false)
    }
  }
  const rows = STEPS.flatMap((step) =>
    step.parts.map((p) => ({ key: p.slot, label: t(p.kind.label), ids: choices[p.slot] })),
  )
  return (
    <Stack>
      <Table aria-label={t('stepStart')} maw={640}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('summaryStep')}</Table.Th>
            <Table.Th>{t('summaryChoice')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((r) => (
            <Table.Tr key={r.key}>
              <Table.Td>{r.label}</Table.Td>
              <Table.Td>{r.ids.length > 0 ? r.ids.join(', ') : '—'}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {failure ? (
        <Alert color="red" role="alert">
          {failure}
        </Alert>
      ) : null}
      {status ? (
        <Alert color="green" role="status">
          {t('campaignStatus', { id: campaignId, status })}
        </Alert>
      ) : (
        <Group>
          <Button onClick={start} loading={busy}>
            {t('startCampaign')}
          </Button>
        </Group>
      )}
    </Stack>
  )
}

export function Wizard() {
  const { t } = useI18n()
  const [active, setActive] = useState(0)
  const [choices, setChoices] = useState<WizardChoices>(NO_CHOICES)
  const [note, setNote] = useState<string | null>(null)
  const [failure, setFailure] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const step = STEPS[active]
  const complete = step ? step.parts.every((p) => choices[p.slot].length > 0) : true
  const choose = (slot: WizardSlot) => (ids: string[]) =>
    setChoices((all) => ({ ...all, [slot]: ids }))

  const next = async () => {
    setFailure(null)
    setNote(null)
    if (step?.label === 'stepCallGuide' && choices.callGuide[0] && choices.campaign[0]) {
      setBusy(true)
      try {
        if (await attachGuide(choices.campaign[0], choices.callGuide[0]))
          setNote(
            t('guideAttached', { guide: choices.callGuide[0], campaign: choices.campaign[0] }),
          )
      } catch (error) {
        if (!(error instanceof ApiFailure)) throw error
        setFailure(error.message)
        return
      } finally {
        setBusy(false)
      }
    }
    setActive((n) => n + 1)
  }

  const labels: MessageKey[] = [...STEPS.map((s) => s.label), 'stepContacts', 'stepStart']
  const helps: MessageKey[] = [...STEPS.map((s) => s.help), 'stepContactsHelp', 'stepStartHelp']
  return (
    <Stack>
      <Title order={2}>{t('wizardTitle')}</Title>
      <Text size="sm">{t('wizardIntro')}</Text>
      <Group align="flex-start" wrap="nowrap" gap="xl">
        <nav aria-label={t('wizardProgress')} style={{ flexShrink: 0 }}>
          <Stepper
            active={active}
            onStepClick={setActive}
            allowNextStepsSelect={false}
            orientation="vertical"
            size="sm"
          >
            {labels.map((label) => (
              <Stepper.Step key={label} label={t(label)} />
            ))}
          </Stepper>
        </nav>
        <Stack style={{ flex: 1, minWidth: 0 }} maw={760} data-testid="wizard-step">
          <Title order={3}>
            {active + 1}. {t(labels[active]!)}
          </Title>
          <Text size="sm">{t(helps[active]!)}</Text>
          {note ? (
            <Alert color="green" role="status">
              {note}
            </Alert>
          ) : null}
          {failure ? (
            <Alert color="red" role="alert">
              {failure}
            </Alert>
          ) : null}
          {step
            ? step.parts.map((p) => (
                <KindPicker
                  key={`${active}:${p.slot}`}
                  kind={p.kind}
                  multiple={p.multiple ?? false}
                  chosen={choices[p.slot]}
                  onChosen={choose(p.slot)}
                  defaults={() => defaultsFor(p.slot, choices)}
                />
              ))
            : null}
          {active === CONTACTS_STEP && choices.campaign[0] ? (
            <ContactUpload campaignId={choices.campaign[0]} />
          ) : null}
          {active === START_STEP ? <StartStep choices={choices} /> : null}
          <Group>
            {active > 0 ? (
              <Button variant="default" onClick={() => setActive((n) => n - 1)}>
                {t('previousStep')}
              </Button>
            ) : null}
            {active < START_STEP ? (
              <Button onClick={next} disabled={!complete} loading={busy}>
                {t('continue')}
              </Button>
            ) : null}
            {step?.optional && !complete ? (
              <Button variant="subtle" onClick={next}>
                {t('skipStep')}
              </Button>
            ) : null}
          </Group>
        </Stack>
      </Group>
    </Stack>
  )
}
