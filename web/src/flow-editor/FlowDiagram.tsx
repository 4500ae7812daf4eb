// The handler drawn with @xyflow/react (issue 13): one node per activity (its kind, id, key fields,
// the validator's issues in red on it), one edge per exit that names an existing activity. A
// node's exits are its source handles; dragging one onto another node points that exit there.
// Positions come from the layered layout (model.ts); nodes dragged by hand keep their place
// until the page is left (the flow schema has no place to store them).
import {
  Background,
  type Connection,
  Controls,
  type Edge,
  Handle,
  MarkerType,
  type Node,
  type NodeChange,
  type NodeProps,
  Position,
  ReactFlow,
} from '@xyflow/react'
import '@xyflow/react/dist/style.css'
import { Badge, Box, Text } from '@mantine/core'
import { useMemo, useState } from 'react'
import { useI18n } from '../i18n.tsx'
import { activityFields, summaryOf } from './activity-fields.ts'
import {
  type ActivityIssue,
  type Catalogue,
  type Exit,
  entryOf,
  exitsOf,
  type Handler,
  layout,
  unreachable,
} from './model.ts'

const GLYPHS: Record<string, string> = {
  SetCallerID: '☎',
  SetVariable: '≔',
  Case: '◇',
  PlayMessage: '▶',
  PlayMusic: '♪',
  DisconnectContact: '✕',
  GotoEntryPoint: '↪',
  VirtualAgent: '◎',
  QueueContact: '☰',
}

type ActivityNodeData = {
  id: string
  kind: string
  summary: string[]
  exits: Exit[]
  issues: ActivityIssue[]
  isStart: boolean
  unreachable: boolean
  selected: boolean
}
type ActivityNodeType = Node<ActivityNodeData, 'activity'>

const NODE_WIDTH_PX = 220

function ActivityNode({ data }: NodeProps<ActivityNodeType>) {
  const { t } = useI18n()
  const failing = data.issues.length > 0
  const border = failing
    ? '2px solid var(--mantine-color-red-7)'
    : data.selected
      ? '2px solid var(--mantine-color-blue-7)'
      : '1px solid var(--mantine-color-gray-5)'
  return (
    <Box
      data-testid={`flow-node-${data.id}`}
      data-invalid={failing ? 'true' : 'false'}
      style={{
        width: NODE_WIDTH_PX,
        border,
        borderRadius: 8,
        background: data.unreachable ? 'var(--mantine-color-gray-1)' : 'white',
        padding: 8,
        fontSize: 12,
      }}
    >
      <Handle type="target" position={Position.Top} />
      <Text size="sm" fw={700} c="dark">
        <span aria-hidden="true">{GLYPHS[data.kind] ?? '•'} </span>
        {data.kind}
        {data.isStart ? (
          <Badge ml={6} size="xs" color="green.9">
            {t('flowStartBadge')}
          </Badge>
        ) : null}
      </Text>
      <Text size="xs" c="dark" ff="monospace">
        {data.id}
      </Text>
      {data.summary.map((line) => (
        <Text key={line} size="xs" c="dark" truncate>
          {line}
        </Text>
      ))}
      {data.unreachable ? (
        <Text size="xs" c="dark" fs="italic">
          {t('flowUnreachable')}
        </Text>
      ) : null}
      {data.issues.map((issue) => (
        <Text key={`${issue.field}:${issue.message}`} size="xs" c="red.9" fw={600}>
          {issue.field ? `${issue.field}: ` : ''}
          {issue.message}
        </Text>
      ))}
      {data.exits.map((exit, i) => (
        <Handle
          key={exit.key}
          id={exit.key}
          type="source"
          position={Position.Bottom}
          title={exit.label}
          style={{ left: `${((i + 1) / (data.exits.length + 1)) * 100}%` }}
        />
      ))}
    </Box>
  )
}

const NODE_TYPES = { activity: ActivityNode }

export function FlowDiagram(props: {
  event: string
  handler: Handler
  catalogue: Catalogue
  issues: Record<string, ActivityIssue[]>
  selected: string | null
  onSelect(id: string | null): void
  onConnect(source: string, exitKey: string, target: string): void
}) {
  const { event, handler, catalogue, issues, selected, onSelect, onConnect } = props
  const { t } = useI18n()
  const [moved, setMoved] = useState<Record<string, { x: number; y: number }>>({})
  const placed = useMemo(() => layout(handler, catalogue), [handler, catalogue])
  const never = useMemo(() => new Set(unreachable(handler, catalogue)), [handler, catalogue])
  const nodes: ActivityNodeType[] = Object.entries(handler.activities).map(([id, activity]) => {
    const entry = entryOf(catalogue, activity.kind)
    return {
      id,
      type: 'activity',
      position: moved[id] ?? placed[id] ?? { x: 0, y: 0 },
      data: {
        id,
        kind: activity.kind,
        summary: entry ? summaryOf(activity, activityFields(entry)) : [],
        // A node needs a handle for every slot, even one whose target is empty, to be dragged.
        exits: exitsOf(activity, entry)
          .concat(
            (entry?.exits ?? [])
              .filter((e) => e.shape === 'single' && activity[e.field] === undefined)
              .map((e) => ({ key: e.field, label: e.field, target: undefined })),
          )
          .filter((exit, i, all) => all.findIndex((x) => x.key === exit.key) === i),
        issues: issues[id] ?? [],
        isStart: handler.start === id,
        unreachable: never.has(id),
        selected: selected === id,
      },
    }
  })
  const edges: Edge[] = Object.entries(handler.activities).flatMap(([id, activity]) =>
    exitsOf(activity, entryOf(catalogue, activity.kind))
      .filter((exit) => exit.target !== undefined && Object.hasOwn(handler.activities, exit.target))
      .map((exit) => ({
        id: `${id}:${exit.key}`,
        source: id,
        sourceHandle: exit.key,
        target: exit.target!,
        label: exit.label,
        markerEnd: { type: MarkerType.ArrowClosed },
      })),
  )
  const onNodesChange = (changes: NodeChange<ActivityNodeType>[]) => {
    for (const change of changes)
      if (change.type === 'position' && change.position) {
        const position = change.position
        setMoved((all) => ({ ...all, [change.id]: position }))
      }
  }
  return (
    <Box
      h={560}
      style={{ border: '1px solid var(--mantine-color-gray-4)', borderRadius: 8 }}
      aria-label={t('flowDiagram', { event })}
      role="region"
    >
      <ReactFlow<ActivityNodeType>
        nodes={nodes}
        edges={edges}
        nodeTypes={NODE_TYPES}
        onNodesChange={onNodesChange}
        onNodeClick={(_e, node) => onSelect(node.id)}
        onPaneClick={() => onSelect(null)}
        onConnect={(connection: Connection) => {
          if (connection.sourceHandle)
            onConnect(connection.source, connection.sourceHandle, connection.target)
        }}
        fitView
        fitViewOptions={{ maxZoom: 1 }}
        minZoom={0.3}
        proOptions={{ hideAttribution: false }}
      >
        <Background />
        <Controls showInteractive={false} />
      </ReactFlow>
    </Box>
  )
}
