// The board's agents (issue 12): counts by state, then one row per agent with the state, the time
// in it (ticking), the campaign served and a menu to set the agent Idle or log them out. Rows are
// memoised and only those in view are rendered (fixed row height), so a batch that changes a few
// of 500 agents renders a few rows.
import { ActionIcon, Badge, Group, Menu, Select, Table, Text, Title } from '@mantine/core'
import { createContext, memo, type RefObject, useContext, useMemo, useRef, useState } from 'react'
import { type MessageKey, useI18n } from '../i18n.tsx'
import type { BoardAgent } from './state.ts'
import { formatDuration, useTickMs } from './ticker.ts'

export const AGENT_STATES = ['LoggedOut', 'Idle', 'Available', 'Reserved', 'Engaged', 'WrapUp']
const ROW_HEIGHT_PX = 37
const VIEW_HEIGHT_PX = 444
/** Rows rendered above and below the view (smooth scrolling). */
const OVERSCAN_ROWS = 6

export type AgentAction = { kind: 'idle' | 'logout'; agent: BoardAgent }

/** The server's clock minus the browser's (ms): kept in a ref so a tick reads the newest. */
export const ClockOffset = createContext<RefObject<number>>({ current: 0 })

const STATE_COLORS: Record<string, string> = {
  LoggedOut: 'gray',
  Idle: 'yellow',
  Available: 'green',
  Reserved: 'cyan',
  Engaged: 'blue',
  WrapUp: 'grape',
}

function Since({ sinceMs }: { sinceMs: number }) {
  const nowMs = useTickMs()
  const offset = useContext(ClockOffset)
  return <>{formatDuration((nowMs + offset.current - sinceMs) / 1000)}</>
}

interface RowProps {
  agent: BoardAgent
  campaignName: string | null
  /** The idle or wrap-up code's name. */
  codeName: string | null
  /** This row's menu is open (one at a time; the others render a plain button). */
  menuOpen: boolean
  menus: RowMenus
  onAction(action: AgentAction): void
}

/** Which row's menu is open, shared by the rows (stable across renders). */
interface RowMenus {
  open(agentId: string): void
  close(agentId: string): void
  /** The row whose button takes the focus back when it mounts (its menu just closed). */
  returnFocusTo: RefObject<string | null>
}

interface RowMenuProps {
  agent: BoardAgent
  open: boolean
  menus: RowMenus
  onAction(action: AgentAction): void
}

/**
 * The row's actions. Closed, it is a plain button; only the open one is a Mantine Menu (whose
 * positioning hooks would otherwise run in every row a live batch renders). Open, the focus is in
 * the menu (arrow keys move through its items, Mantine's own); closed, it returns to the button.
 */
function RowMenu({ agent, open, menus, onAction }: RowMenuProps) {
  const { t } = useI18n()
  const label = t('agentMenu', { name: agent.name })
  if (!open)
    return (
      <ActionIcon
        ref={(element) => {
          if (element && menus.returnFocusTo.current === agent.agentId) {
            menus.returnFocusTo.current = null
            element.focus()
          }
        }}
        variant="subtle"
        aria-label={label}
        aria-haspopup="menu"
        onClick={() => menus.open(agent.agentId)}
      >
        ⋯
      </ActionIcon>
    )
  return (
    <Menu
      position="bottom-end"
      withinPortal
      opened
      transitionProps={{ duration: 0 }}
      onChange={(opened) => !opened && menus.close(agent.agentId)}
    >
      <Menu.Target>
        <ActionIcon variant="subtle" aria-label={label} aria-haspopup="menu" aria-expanded>
          ⋯
        </ActionIcon>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Item
          disabled={agent.state === 'LoggedOut'}
          onClick={() => onAction({ kind: 'idle', agent })}
        >
          {t('setIdle')}
        </Menu.Item>
        <Menu.Item
          disabled={agent.state === 'LoggedOut'}
          onClick={() => onAction({ kind: 'logout', agent })}
        >
          {t('forceLogOut')}
        </Menu.Item>
      </Menu.Dropdown>
    </Menu>
  )
}

const AgentRow = memo(function AgentRow(props: RowProps) {
  const { agent, campaignName, codeName, menuOpen, menus, onAction } = props
  const { t } = useI18n()
  const stateText = t(`state_${agent.state}` as MessageKey)
  return (
    <Table.Tr style={{ height: ROW_HEIGHT_PX }} data-agent={agent.agentId}>
      <Table.Td>{agent.name}</Table.Td>
      <Table.Td>
        <Badge color={STATE_COLORS[agent.state] ?? 'gray'} variant="dot" data-testid="agent-state">
          {codeName ? `${stateText} (${codeName})` : stateText}
        </Badge>
      </Table.Td>
      <Table.Td data-testid="time-in-state">
        <Since sinceMs={agent.sinceMs} />
      </Table.Td>
      <Table.Td>{campaignName ?? t('empty')}</Table.Td>
      <Table.Td>
        <RowMenu agent={agent} open={menuOpen} menus={menus} onAction={onAction} />
      </Table.Td>
    </Table.Tr>
  )
})

/** The state filter: rendered again only when its value changes. */
const StateFilter = memo(function StateFilter({
  value,
  onChange,
}: {
  value: string
  onChange(value: string): void
}) {
  const { t } = useI18n()
  return (
    <Select
      label={t('filterState')}
      size="xs"
      w={180}
      value={value}
      allowDeselect={false}
      onChange={(next) => onChange(next ?? 'all')}
      data={[
        { value: 'all', label: t('allStates') },
        ...AGENT_STATES.map((state) => ({
          value: state,
          label: t(`state_${state}` as MessageKey),
        })),
      ]}
    />
  )
})

interface TableProps {
  agents: BoardAgent[]
  campaignNames: ReadonlyMap<string, string>
  codeNames: ReadonlyMap<string, string>
  onAction(action: AgentAction): void
}

export function AgentsTable({ agents, campaignNames, codeNames, onAction }: TableProps) {
  const { t } = useI18n()
  const [filter, setFilter] = useState<string>('all')
  const [scrollTopPx, setScrollTopPx] = useState(0)
  const [menuFor, setMenuFor] = useState<string | null>(null)
  const returnFocusTo = useRef<string | null>(null)
  const menus = useMemo<RowMenus>(
    () => ({
      open: (agentId) => setMenuFor(agentId),
      close: (agentId) => {
        returnFocusTo.current = agentId
        setMenuFor(null)
      },
      returnFocusTo,
    }),
    [],
  )
  const counts = useMemo(() => {
    const byState: Record<string, number> = {}
    for (const agent of agents) byState[agent.state] = (byState[agent.state] ?? 0) + 1
    return byState
  }, [agents])
  const shown = useMemo(
    () => (filter === 'all' ? agents : agents.filter((agent) => agent.state === filter)),
    [agents, filter],
  )
  const first = Math.max(0, Math.floor(scrollTopPx / ROW_HEIGHT_PX) - OVERSCAN_ROWS)
  const visible = Math.ceil(VIEW_HEIGHT_PX / ROW_HEIGHT_PX) + 2 * OVERSCAN_ROWS
  const rows = shown.slice(first, first + visible)
  const after = Math.max(0, shown.length - first - rows.length)
  return (
    <section aria-labelledby="agents-title">
      <Group justify="space-between" mb="xs">
        <Title order={2} size="h4" id="agents-title">
          {t('agentsTitle')} ({agents.length})
        </Title>
        <StateFilter value={filter} onChange={setFilter} />
      </Group>
      <Group gap="xs" mb="xs" aria-label={t('agentsByState')} role="list">
        {AGENT_STATES.map((state) => (
          <Badge
            key={state}
            role="listitem"
            color={STATE_COLORS[state]}
            variant="dot"
            data-testid={`count-${state}`}
          >
            {t(`state_${state}` as MessageKey)}: {counts[state] ?? 0}
          </Badge>
        ))}
      </Group>
      {agents.length === 0 ? (
        <Text>{t('boardEmptyAgents')}</Text>
      ) : (
        <section
          aria-label={t('agentsTitle')}
          // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region must take the keyboard (axe scrollable-region-focusable)
          tabIndex={0}
          style={{ height: VIEW_HEIGHT_PX, overflowY: 'auto' }}
          onScroll={(event) => setScrollTopPx(event.currentTarget.scrollTop)}
        >
          <Table stickyHeader striped verticalSpacing={4} layout="fixed">
            <Table.Thead>
              <Table.Tr>
                <Table.Th w="28%">{t('agentName')}</Table.Th>
                <Table.Th w="24%">{t('agentStateColumn')}</Table.Th>
                <Table.Th w="14%">{t('timeInState')}</Table.Th>
                <Table.Th w="24%">{t('agentCampaign')}</Table.Th>
                <Table.Th w="10%">{t('agentActions')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {first > 0 ? <tr aria-hidden style={{ height: first * ROW_HEIGHT_PX }} /> : null}
              {rows.map((agent) => (
                <AgentRow
                  key={agent.agentId}
                  agent={agent}
                  campaignName={
                    agent.campaignId
                      ? (campaignNames.get(agent.campaignId) ?? agent.campaignId)
                      : null
                  }
                  codeName={agent.code ? (codeNames.get(agent.code) ?? agent.code) : null}
                  menuOpen={menuFor === agent.agentId}
                  menus={menus}
                  onAction={onAction}
                />
              ))}
              {after > 0 ? <tr aria-hidden style={{ height: after * ROW_HEIGHT_PX }} /> : null}
            </Table.Tbody>
          </Table>
        </section>
      )}
    </section>
  )
}
