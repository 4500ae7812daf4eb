// The board's confirmations: stopping a campaign (final, so it asks first) and setting an agent
// Idle with a reason (the tenant's active IDLE auxiliary codes).
import { Button, Group, Modal, Select, Text } from '@mantine/core'
import { useState } from 'react'
import type { AuxCode } from '../aux-codes.ts'
import { useI18n } from '../i18n.tsx'
import type { BoardAgent, BoardCampaign } from './state.ts'

interface StopProps {
  campaign: BoardCampaign | null
  onCancel(): void
  onConfirm(campaignId: string): void
}

export function StopDialog({ campaign, onCancel, onConfirm }: StopProps) {
  const { t } = useI18n()
  return (
    <Modal
      opened={campaign !== null}
      onClose={onCancel}
      title={t('stopConfirmTitle', { name: campaign?.name ?? '' })}
    >
      <Text mb="md">{t('stopConfirmText')}</Text>
      <Group justify="flex-end">
        <Button variant="default" onClick={onCancel}>
          {t('cancel')}
        </Button>
        <Button color="red" onClick={() => campaign && onConfirm(campaign.id)}>
          {t('stopConfirm')}
        </Button>
      </Group>
    </Modal>
  )
}

interface IdleProps {
  agent: BoardAgent | null
  idleCodes: AuxCode[]
  onCancel(): void
  onConfirm(agentId: string, code: string | undefined): void
}

export function IdleDialog({ agent, idleCodes, onCancel, onConfirm }: IdleProps) {
  const { t } = useI18n()
  const [chosen, setChosen] = useState<string | null>(null)
  const code = chosen ?? idleCodes[0]?.id ?? null
  return (
    <Modal
      opened={agent !== null}
      onClose={onCancel}
      title={t('setIdleTitle', { name: agent?.name ?? '' })}
    >
      <Select
        label={t('idleReason')}
        placeholder={t('chooseIdleReason')}
        data={idleCodes.map((each) => ({ value: each.id, label: each.name }))}
        value={code}
        onChange={setChosen}
        allowDeselect={false}
        mb="md"
      />
      <Group justify="flex-end">
        <Button variant="default" onClick={onCancel}>
          {t('cancel')}
        </Button>
        <Button onClick={() => agent && onConfirm(agent.agentId, code ?? undefined)}>
          {t('confirm')}
        </Button>
      </Group>
    </Modal>
  )
}
