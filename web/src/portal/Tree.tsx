// The portal's left panel (R5.7): its sections, and the tree of campaign groups → campaigns;
// choosing a group or a campaign opens it.
import { NavLink, Text } from '@mantine/core'
import { useI18n } from '../i18n.tsx'
import { type PortalRoute, portalPath } from './portal-route.ts'
import { groupIdOf, usePortalTree } from './tree-data.ts'

export function Tree(props: { route: PortalRoute; go(path: string): void }) {
  const { t } = useI18n()
  const { route, go } = props
  const tree = usePortalTree()
  const link = (to: string, label: string, active: boolean) => (
    <NavLink
      key={to}
      href={to}
      label={label}
      active={active}
      onClick={(e) => {
        e.preventDefault()
        go(to)
      }}
    />
  )
  const groups = tree.data?.groups ?? []
  const campaigns = tree.data?.campaigns ?? []
  const grouped = new Set(groups.map((g) => g.id))
  const orphans = campaigns.filter((c) => !grouped.has(groupIdOf(c)))
  const campaignLink = (id: string, name: string) =>
    link(portalPath('campaigns', id), name, route.section === 'campaigns' && route.id === id)
  return (
    <nav aria-label={t('portalTree')} data-testid="portal-tree">
      <Text size="sm" fw={700} mt="sm" mb={4}>
        {t('portalTree')}
      </Text>
      {groups.map((group) => {
        const own = campaigns.filter((c) => groupIdOf(c) === group.id)
        return (
          <NavLink
            key={group.id}
            href={portalPath('campaign-groups', group.id)}
            label={group.name}
            active={route.section === 'campaign-groups' && route.id === group.id}
            // Always open: choosing a group opens it rather than folding its campaigns away.
            opened
            childrenOffset={16}
            onClick={(e) => {
              e.preventDefault()
              go(portalPath('campaign-groups', group.id))
            }}
          >
            {own.length > 0 ? own.map((c) => campaignLink(c.id, c.name)) : null}
          </NavLink>
        )
      })}
      {orphans.map((c) => campaignLink(c.id, c.name))}
      {tree.data?.truncated ? <Text size="xs">{t('portalTreeTruncated')}</Text> : null}
    </nav>
  )
}
