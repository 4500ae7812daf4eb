// A campaign in pages (R5.7, R5.2): General → Dialer details (the group's pacing mode, with its
// IVR ports when the mode is agentless; contact strategy, retries, DNC) → Schedule (the campaign's
// dialing hours, weekdays, start and end) and compliance → Summary, saved through the configuration API.
import { Alert, Select, Stack, Text } from '@mantine/core'
import { useQuery } from '@tanstack/react-query'
import { type CampaignMode, isIvrMode } from '../../../src/domain/campaign/campaign-mode.ts'
import { CUSTOM_COMPLIANCE_RULE_FIELDS } from '../../../src/domain/compliance-profile.ts'
import { configApi } from '../admin/config-api.ts'
import { fieldLabel } from '../admin/field-label.ts'
import { kindOf } from '../admin/kinds.ts'
import { errorsUnder } from '../admin/schema-fields.ts'
import { useI18n } from '../i18n.tsx'
import { PagedForm } from './PagedForm.tsx'
import type { FormPageDef } from './paged-form.ts'
import { usePortalTree } from './tree-data.ts'

const PAGES: readonly FormPageDef[] = [
  {
    key: 'general',
    label: 'portalPageGeneral',
    fields: [
      'id',
      'name',
      'category',
      'campaignGroupId',
      'businessOutcomeGroupId',
      'teamIds',
      'callGuideFormId',
    ],
    custom: ['campaignGroupId'],
  },
  {
    key: 'dialer',
    label: 'portalPageDialer',
    fields: ['contactStrategy', 'retry', 'dncEnabled', 'ndncEnabled', 'dncListNames'],
  },
  {
    key: 'schedule',
    label: 'portalPageSchedule',
    fields: [
      'timeZone',
      'schedule',
      'complianceProfile',
      'callingWindow',
      ...CUSTOM_COMPLIANCE_RULE_FIELDS,
    ],
  },
]

const CAMPAIGNS = kindOf('campaigns')!
const GROUPS = kindOf('campaign-groups')!

/** The pacing of the campaign's group, which the campaign dials with (R5.1). */
function GroupPacing(props: { groupId: unknown }) {
  const { t } = useI18n()
  const groupId = typeof props.groupId === 'string' ? props.groupId : ''
  const group = useQuery({
    queryKey: ['config', GROUPS.slug, groupId],
    queryFn: () => configApi.get(GROUPS, groupId),
    enabled: groupId !== '',
    retry: false,
  })
  const pacing = (group.data?.body as { pacing?: { mode?: CampaignMode; ivrPorts?: number } })
    ?.pacing
  if (!pacing?.mode) return <Text size="sm">{t('portalGroupPacingUnknown')}</Text>
  return (
    <Alert color="blue" title={t('portalGroupPacing', { group: groupId })}>
      <Text size="sm">{t('portalModeIs', { mode: pacing.mode })}</Text>
      {isIvrMode(pacing.mode) ? (
        <Text size="sm" data-testid="campaign-ivr-ports">
          {t('portalIvrPortsAre', { ports: pacing.ivrPorts ?? '' })}
        </Text>
      ) : null}
    </Alert>
  )
}

/** The campaign's group, chosen from the tenant's groups (R5.1: the group gives the pacing). */
function GroupSelect(props: {
  value: unknown
  onChange(next: string | undefined): void
  errors: readonly { path: string; message: string }[]
  readOnly: boolean
}) {
  const { language } = useI18n()
  const tree = usePortalTree()
  const messages = errorsUnder(props.errors, 'campaignGroupId')
  return (
    <Select
      label={fieldLabel('campaignGroupId', true, language)}
      title="campaignGroupId"
      data={(tree.data?.groups ?? []).map((g) => ({ value: g.id, label: `${g.id} — ${g.name}` }))}
      value={typeof props.value === 'string' ? props.value : null}
      onChange={(next) => props.onChange(next ?? undefined)}
      disabled={props.readOnly}
      searchable
      error={messages.length > 0 ? messages.join(' · ') : undefined}
    />
  )
}

export function CampaignForm(props: {
  id: string | null
  readOnly: boolean
  go(path: string): void
}) {
  const { t } = useI18n()
  const { id, readOnly, go } = props
  return (
    <PagedForm
      key={id ?? 'new'}
      kind={CAMPAIGNS}
      id={id}
      title={id ? t('portalCampaignTitle', { id }) : t('portalNewCampaign')}
      pages={PAGES}
      initial={{ contactStrategy: { numberOrder: [{ numberIndex: 0, numberType: 'MOBILE' }] } }}
      readOnly={readOnly}
      renderPage={(page, { value, set, errors, readOnly: locked, fields }) =>
        page.key === 'general' ? (
          <Stack gap="sm">
            <GroupSelect
              value={value.campaignGroupId}
              onChange={(next) => set('campaignGroupId', next)}
              errors={errors}
              readOnly={locked}
            />
            {fields}
          </Stack>
        ) : page.key === 'dialer' ? (
          <Stack gap="sm">
            <GroupPacing groupId={value.campaignGroupId} />
            {fields}
          </Stack>
        ) : null
      }
      onSaved={(doc) => {
        if (!id) go(`/portal/campaigns/${encodeURIComponent(doc.id)}`)
      }}
    />
  )
}
