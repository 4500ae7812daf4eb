// The supervisor board is not in this landing (issue 12): staff see that it is not yet here; an
// agent who opens the page is told it is not for their role (and the API refuses /v1/status).
import { Alert } from '@mantine/core'
import type { Principal } from '../api.ts'
import { useI18n } from '../i18n.tsx'

export function Supervisor({ user }: { user: Principal }) {
  const { t } = useI18n()
  if (user.role === 'agent')
    return (
      <Alert color="orange" title={t('forbiddenTitle')} role="alert">
        {t('forbiddenText')}
      </Alert>
    )
  return (
    <Alert color="blue" title={t('navSupervisor')}>
      {t('supervisorNotYet')}
    </Alert>
  )
}
