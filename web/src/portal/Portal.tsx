// The campaign-manager portal (issue 13, R5.7): its own area at `/portal`, reached from the
// administration. A left panel with its sections — Campaign Groups, Campaigns, Contact Lists,
// Script Designer — and the tree of campaign groups → campaigns; forms paged with Next. An
// administrator changes everything; a supervisor reads, and starts, pauses and stops campaigns
// (as the API allows); an agent is refused (and the API refuses them too).
import { Alert, Group, NavLink, ScrollArea, Select, Stack, Text, Title } from '@mantine/core'
import type { ComponentType } from 'react'
import type { Principal } from '../api.ts'
import { type MessageKey, useI18n } from '../i18n.tsx'
import { CampaignForm } from './CampaignForm.tsx'
import { CampaignGroupForm } from './CampaignGroupForm.tsx'
import { CampaignPage } from './CampaignPage.tsx'
import { CampaignsTable } from './CampaignsTable.tsx'
import { ContactLists, type UploadProps } from './ContactLists.tsx'
import { GroupsTable } from './GroupsTable.tsx'
import { type PortalRoute, type PortalSection, portalPath, portalRoute } from './portal-route.ts'
import { ScriptDesigner, ScriptList } from './ScriptDesigner.tsx'
import { Tree } from './Tree.tsx'
import { usePortalTree } from './tree-data.ts'

const SECTIONS: readonly { section: PortalSection; label: MessageKey }[] = [
  { section: 'campaign-groups', label: 'portalGroups' },
  { section: 'campaigns', label: 'portalCampaigns' },
  { section: 'contact-lists', label: 'portalContactLists' },
  { section: 'scripts', label: 'portalScripts' },
]

/** Contact Lists: the lists of the campaign chosen here (its id in the path). */
function ContactListsSection(props: {
  campaignId: string | null
  Upload?: ComponentType<UploadProps>
  go(path: string): void
}) {
  const { t } = useI18n()
  const { campaignId, Upload, go } = props
  const tree = usePortalTree()
  return (
    <Stack>
      <Title order={2}>{t('portalContactLists')}</Title>
      <Select
        label={t('portalChooseCampaign')}
        maw={360}
        data={(tree.data?.campaigns ?? []).map((c) => ({ value: c.id, label: c.name }))}
        value={campaignId}
        onChange={(id) => id && go(portalPath('contact-lists', id))}
      />
      {campaignId ? <ContactLists campaignId={campaignId} {...(Upload ? { Upload } : {})} /> : null}
    </Stack>
  )
}

function Content(props: {
  route: PortalRoute
  readOnly: boolean
  Upload?: ComponentType<UploadProps>
  go(path: string): void
}) {
  const { t } = useI18n()
  const { route, readOnly, Upload, go } = props
  const { section, id, tab } = route
  const upload = Upload ? { Upload } : {}
  const newId = (value: string | null) => (value === 'new' ? null : value)
  switch (section) {
    case 'campaign-groups':
      return id ? (
        <CampaignGroupForm id={newId(id)} readOnly={readOnly} go={go} />
      ) : (
        <GroupsTable readOnly={readOnly} go={go} />
      )
    case 'campaigns':
      if (id === 'new') return <CampaignForm id={null} readOnly={readOnly} go={go} />
      return id ? (
        <CampaignPage key={id} id={id} tab={tab} readOnly={readOnly} go={go} {...upload} />
      ) : (
        <CampaignsTable readOnly={readOnly} go={go} />
      )
    case 'contact-lists':
      return <ContactListsSection campaignId={id} go={go} {...upload} />
    case 'scripts':
      return id ? (
        <ScriptDesigner key={id} id={newId(id)} readOnly={readOnly} go={go} />
      ) : (
        <ScriptList readOnly={readOnly} go={go} />
      )
    default:
      return <Text>{t('portalIntro')}</Text>
  }
}

export function Portal(props: {
  user: Principal
  path: string
  go(path: string): void
  /** The contact upload into a chosen campaign, drawn above a campaign's lists. */
  Upload?: ComponentType<UploadProps>
}) {
  const { t } = useI18n()
  const { user, path, go, Upload } = props
  if (user.role === 'agent')
    return (
      <Alert color="red" title={t('forbiddenTitle')} role="alert">
        {t('portalForbidden')}
      </Alert>
    )
  const route = portalRoute(path)
  const readOnly = user.role !== 'admin'
  return (
    <Group align="flex-start" wrap="nowrap" gap="lg">
      <ScrollArea.Autosize mah="calc(100vh - 90px)" style={{ width: 240, flexShrink: 0 }}>
        <nav aria-label={t('portalNav')}>
          <Title order={2} size="h5" mb="xs">
            {t('portalTitle')}
          </Title>
          {SECTIONS.map(({ section, label }) => (
            <NavLink
              key={section}
              href={portalPath(section)}
              label={t(label)}
              active={route.section === section && route.id === null}
              onClick={(e) => {
                e.preventDefault()
                go(portalPath(section))
              }}
            />
          ))}
        </nav>
        <Tree route={route} go={go} />
      </ScrollArea.Autosize>
      <Stack style={{ flex: 1, minWidth: 0 }}>
        {readOnly ? <Alert color="gray">{t('adminReadOnly')}</Alert> : null}
        <Content route={route} readOnly={readOnly} go={go} {...(Upload ? { Upload } : {})} />
      </Stack>
    </Group>
  )
}
