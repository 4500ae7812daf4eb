// Paging as the API pages (`limit`, `offset`, `total`): where the page is and the way on.
import { Button, Group, Text } from '@mantine/core'
import { useI18n } from '../i18n.tsx'

export function Pager(props: {
  offset: number
  limit: number
  total: number
  onOffset(offset: number): void
}) {
  const { t } = useI18n()
  const { offset, limit, total, onOffset } = props
  if (total === 0) return null
  return (
    <Group justify="space-between">
      <Text size="sm">
        {t('pageOf', { from: offset + 1, to: Math.min(offset + limit, total), total })}
      </Text>
      <Group gap="xs">
        <Button
          variant="default"
          size="xs"
          disabled={offset === 0}
          onClick={() => onOffset(Math.max(0, offset - limit))}
        >
          {t('previous')}
        </Button>
        <Button
          variant="default"
          size="xs"
          disabled={offset + limit >= total}
          onClick={() => onOffset(offset + limit)}
        >
          {t('next')}
        </Button>
      </Group>
    </Group>
  )
}
