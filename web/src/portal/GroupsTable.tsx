// The portal's campaign groups (R5.7): each with its entry point, pacing mode and campaigns.
import { Anchor, Button, Group, Stack, Table, Title } from '@mantine/core'
import { useI18n } from '../i18n.tsx'
import { portalPath } from './portal-route.ts'
import { groupIdOf, usePortalTree } from './tree-data.ts'

export function GroupsTable(props: { readOnly: boolean; go(path: string): void }) {
  const { t } = useI18n()
  const { readOnly, go } = props
  const tree = usePortalTree()
  const campaigns = tree.data?.campaigns ?? []
  return (
    <Stack>
      <Group justify="space-between">
        <Title order={2}>{t('portalGroups')}</Title>
        {readOnly ? null : (
          <Button onClick={() => go(portalPath('campaign-groups', 'new'))}>
            {t('portalNewGroup')}
          </Button>
        )}
      </Group>
      <Table striped aria-label={t('portalGroups')}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('colId')}</Table.Th>
            <Table.Th>{t('colName')}</Table.Th>
            <Table.Th>{t('portalColEntryPoint')}</Table.Th>
            <Table.Th>{t('portalColMode')}</Table.Th>
            <Table.Th>{t('portalCampaigns')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {(tree.data?.groups ?? []).map((group) => {
            const body = group.body as { entryPointId?: string; pacing?: { mode?: string } }
            return (
              <Table.Tr key={group.id}>
                <Table.Td>
                  <Anchor
                    size="sm"
                    href={portalPath('campaign-groups', group.id)}
                    onClick={(e) => {
                      e.preventDefault()
                      go(portalPath('campaign-groups', group.id))
                    }}
                  >
                    {group.id}
                  </Anchor>
                </Table.Td>
                <Table.Td>{group.name}</Table.Td>
                <Table.Td>{body.entryPointId}</Table.Td>
                <Table.Td>{body.pacing?.mode}</Table.Td>
                <Table.Td>
                  {campaigns
                    .filter((c) => groupIdOf(c) === group.id)
                    .map((c) => c.id)
                    .join(', ')}
                </Table.Td>
              </Table.Tr>
            )
          })}
        </Table.Tbody>
      </Table>
    </Stack>
  )
}
