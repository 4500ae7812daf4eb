// The report pages (issue 13, R9.1) at /reports…: the campaign report (drillable campaign →
// interval → agent → attempt, with breadcrumbs) and the agent report over a range of days.
// Supervisors and administrators only: an agent is refused (and the API refuses them too).
import {
  Alert,
  Anchor,
  Breadcrumbs,
  Group,
  SegmentedControl,
  Stack,
  TextInput,
  Title,
} from '@mantine/core'
import type { Principal } from '../api.ts'
import { useI18n } from '../i18n.tsx'
import { AgentReport } from './AgentReport.tsx'
import {
  AgentAttempts,
  Campaigns,
  IntervalAgents,
  Intervals,
  startLabel,
} from './CampaignReport.tsx'
import { type ReportRoute, routeOf, urlOf } from './route.ts'

export function Reports(props: { user: Principal; go(path: string): void }) {
  const { t, language } = useI18n()
  if (props.user.role === 'agent')
    return (
      <Alert color="orange" title={t('forbiddenTitle')} role="alert">
        {t('reportsForbiddenText')}
      </Alert>
    )
  const route = routeOf(window.location.pathname, window.location.search)
  const nav = (next: ReportRoute) => props.go(urlOf(next))
  const drill = { route, nav, href: urlOf }
  const crumb = (to: ReportRoute, label: string) => (
    <Anchor
      key={label}
      href={urlOf(to)}
      onClick={(event) => {
        event.preventDefault()
        nav(to)
      }}
    >
      {label}
    </Anchor>
  )
  const crumbs =
    route.view === 'campaigns' || route.view === 'agentReport'
      ? []
      : [
          crumb({ ...route, view: 'campaigns' }, t('crumbCampaigns')),
          crumb({ ...route, view: 'intervals' }, route.campaignId!),
          ...(route.view === 'agents' || route.view === 'attempts'
            ? [
                crumb(
                  { ...route, view: 'agents' },
                  t('crumbInterval', { start: startLabel(route.at!, route.size, language) }),
                ),
              ]
            : []),
          ...(route.view === 'attempts' ? [crumb(route, route.agentId!)] : []),
        ]
  return (
    <Stack>
      <Title order={2}>{t('reportsTitle')}</Title>
      <Group align="flex-end">
        <SegmentedControl
          aria-label={t('reportsTitle')}
          value={route.view === 'agentReport' ? 'agentReport' : 'campaigns'}
          onChange={(view) => nav({ ...route, view: view as ReportRoute['view'] })}
          data={[
            { value: 'campaigns', label: t('reportCampaigns') },
            { value: 'agentReport', label: t('reportAgents') },
          ]}
        />
        <TextInput
          type="date"
          label={t('rangeFrom')}
          value={route.fromDay}
          onChange={(event) =>
            event.currentTarget.value && nav({ ...route, fromDay: event.currentTarget.value })
          }
        />
        <TextInput
          type="date"
          label={t('rangeTo')}
          value={route.toDay}
          onChange={(event) =>
            event.currentTarget.value && nav({ ...route, toDay: event.currentTarget.value })
          }
        />
      </Group>
      {crumbs.length > 0 ? (
        <nav aria-label={t('reportCampaigns')}>
          <Breadcrumbs>{crumbs}</Breadcrumbs>
        </nav>
      ) : null}
      {route.view === 'agentReport' ? (
        <AgentReport route={route} />
      ) : route.view === 'intervals' ? (
        <Intervals {...drill} />
      ) : route.view === 'agents' ? (
        <IntervalAgents {...drill} />
      ) : route.view === 'attempts' ? (
        <AgentAttempts {...drill} />
      ) : (
        <Campaigns {...drill} />
      )}
    </Stack>
  )
}
