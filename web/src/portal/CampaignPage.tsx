// One campaign in the portal (R5.7): its settings in pages, its contact lists and its own
// reports, each a tab with its own path (`/portal/campaigns/:id/lists`, `…/reports`).
import { Tabs } from '@mantine/core'
import type { ComponentType } from 'react'
import { useI18n } from '../i18n.tsx'
import { CampaignForm } from './CampaignForm.tsx'
import { CampaignReports } from './CampaignReports.tsx'
import { ContactLists, type UploadProps } from './ContactLists.tsx'
import { portalPath } from './portal-route.ts'

const TABS = ['settings', 'lists', 'reports'] as const

export function CampaignPage(props: {
  id: string
  tab: string | null
  readOnly: boolean
  Upload?: ComponentType<UploadProps>
  go(path: string): void
}) {
  const { t } = useI18n()
  const { id, readOnly, Upload, go } = props
  const tab = TABS.find((x) => x === props.tab) ?? 'settings'
  return (
    <Tabs
      value={tab}
      onChange={(next) =>
        go(portalPath('campaigns', id, next === 'settings' ? undefined : (next ?? undefined)))
      }
      keepMounted={false}
    >
      <Tabs.List mb="md">
        <Tabs.Tab value="settings">{t('portalTabSettings')}</Tabs.Tab>
        <Tabs.Tab value="lists">{t('portalTabLists')}</Tabs.Tab>
        <Tabs.Tab value="reports">{t('portalTabReports')}</Tabs.Tab>
      </Tabs.List>
      <Tabs.Panel value="settings">
        <CampaignForm id={id} readOnly={readOnly} go={go} />
      </Tabs.Panel>
      <Tabs.Panel value="lists">
        <ContactLists campaignId={id} {...(Upload ? { Upload } : {})} />
      </Tabs.Panel>
      <Tabs.Panel value="reports">
        <CampaignReports campaignId={id} />
      </Tabs.Panel>
    </Tabs>
  )
}
