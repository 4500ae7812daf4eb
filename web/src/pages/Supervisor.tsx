// The supervisor page (issue 12): staff see the live board (web/src/board/); an agent who opens
// the page is told it is not for their role (and the API refuses the board's routes with 403).
import { Alert } from '@mantine/core'
import type { Principal } from '../api.ts'
import { Board } from '../board/Board.tsx'
import { useI18n } from '../i18n.tsx'

export function Supervisor({ user }: { user: Principal }) {
  const { t } = useI18n()
  if (user.role === 'agent')
    return (
      <Alert color="orange" title={t('forbiddenTitle')} role="alert">
        {t('forbiddenText')}
      </Alert>
    )
  return <Board />
}
