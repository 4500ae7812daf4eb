// The campaign group's "Dialer details" page (R5.7, R1): the pacing mode chosen from the five —
// Preview, Progressive, Predictive, Progressive IVR, Predictive IVR (Preview as standard or direct)
// — and then only the fields of that mode, from the mode's own zod schema: the predictive fields
// for the predictive modes, the IVR ports for the agentless (IVR) modes.
import { Fieldset, SegmentedControl, Select, Stack, Text } from '@mantine/core'
import type { z } from 'zod'
import type { CampaignMode } from '../../../src/domain/campaign/campaign-mode.ts'
import {
  predictiveIvrPacingSchema,
  predictivePacingSchema,
  predictiveParamsShape,
  previewDirectPacingSchema,
  previewStandardPacingSchema,
  progressiveIvrPacingSchema,
  progressivePacingSchema,
} from '../../../src/domain/campaign/pacing.ts'
import { Field } from '../admin/fields.tsx'
import { initialValueOf } from '../admin/SchemaForm.tsx'
import { type FieldSpec, formFieldsOf } from '../admin/schema-fields.ts'
import type { ErrorDetail } from '../api.ts'
import { type MessageKey, useI18n } from '../i18n.tsx'

const SCHEMAS: Record<CampaignMode, z.ZodType> = {
  preview_standard: previewStandardPacingSchema,
  preview_direct: previewDirectPacingSchema,
  progressive: progressivePacingSchema,
  predictive: predictivePacingSchema,
  progressive_ivr: progressiveIvrPacingSchema,
  predictive_ivr: predictiveIvrPacingSchema,
}

/** The five modes a manager chooses from; Preview is standard or direct. */
const CHOICES: readonly { value: string; label: MessageKey }[] = [
  { value: 'preview', label: 'modePreview' },
  { value: 'progressive', label: 'modeProgressive' },
  { value: 'predictive', label: 'modePredictive' },
  { value: 'progressive_ivr', label: 'modeProgressiveIvr' },
  { value: 'predictive_ivr', label: 'modePredictiveIvr' },
]

const PREDICTIVE_FIELDS = Object.keys(predictiveParamsShape)
/** Set by the mode itself, not by the manager. */
const FIXED_FIELDS = ['mode', 'cpaAlwaysOn']

const choiceOf = (mode: unknown) =>
  mode === 'preview_standard' || mode === 'preview_direct' ? 'preview' : String(mode ?? '')

const isMode = (mode: unknown): mode is CampaignMode => typeof mode === 'string' && mode in SCHEMAS

/** A pacing of another mode: the caller ID kept, the new mode's defaults for the rest. */
function switchMode(pacing: Record<string, unknown>, mode: CampaignMode): Record<string, unknown> {
  const defaults = initialValueOf(SCHEMAS[mode])
  for (const key of FIXED_FIELDS) delete defaults[key]
  return {
    mode,
    ...defaults,
    ...(pacing.callerId !== undefined ? { callerId: pacing.callerId } : {}),
  }
}

export function PacingFields(props: {
  value: unknown
  onChange(next: Record<string, unknown>): void
  errors: readonly ErrorDetail[]
  readOnly: boolean
}) {
  const { t } = useI18n()
  const { onChange, errors, readOnly } = props
  const pacing = (props.value ?? {}) as Record<string, unknown>
  const mode = pacing.mode
  const specs: FieldSpec[] = isMode(mode)
    ? (formFieldsOf(SCHEMAS[mode]) ?? []).filter((s) => !FIXED_FIELDS.includes(s.key))
    : []
  const field = (spec: FieldSpec) => (
    <Field
      key={spec.key}
      spec={spec}
      path={`pacing.${spec.key}`}
      value={pacing[spec.key]}
      onChange={(next) => {
        const copy = { ...pacing }
        if (next === undefined) delete copy[spec.key]
        else copy[spec.key] = next
        onChange(copy)
      }}
      errors={errors}
      readOnly={readOnly}
      writeOnly={false}
      locked={false}
      onJsonError={() => undefined}
    />
  )
  const predictive = specs.filter((s) => PREDICTIVE_FIELDS.includes(s.key))
  const ivr = specs.filter((s) => s.key === 'ivrPorts')
  const common = specs.filter((s) => !PREDICTIVE_FIELDS.includes(s.key) && s.key !== 'ivrPorts')
  const modeErrors = errors
    .filter((e) => e.path === 'pacing' || e.path === 'pacing.mode')
    .map((e) => e.message)
  return (
    <Stack gap="sm">
      <Select
        label={t('portalPacingMode')}
        data={CHOICES.map((c) => ({ value: c.value, label: t(c.label) }))}
        value={choiceOf(mode) || null}
        disabled={readOnly}
        allowDeselect={false}
        error={modeErrors.length > 0 ? [...new Set(modeErrors)].join(' · ') : undefined}
        onChange={(choice) => {
          if (!choice || choice === choiceOf(mode)) return
          onChange(
            switchMode(
              pacing,
              choice === 'preview' ? 'preview_standard' : (choice as CampaignMode),
            ),
          )
        }}
      />
      {choiceOf(mode) === 'preview' ? (
        <SegmentedControl
          aria-label={t('portalPreviewKind')}
          disabled={readOnly}
          value={String(mode)}
          onChange={(next) => onChange(switchMode(pacing, next as CampaignMode))}
          data={[
            { value: 'preview_standard', label: t('modePreviewStandard') },
            { value: 'preview_direct', label: t('modePreviewDirect') },
          ]}
        />
      ) : null}
      {isMode(mode) ? null : <Text>{t('portalPickMode')}</Text>}
      {common.map(field)}
      {ivr.length > 0 ? (
        <Fieldset legend={t('portalIvrFields')} data-testid="ivr-fields">
          {ivr.map(field)}
        </Fieldset>
      ) : null}
      {predictive.length > 0 ? (
        <Fieldset legend={t('portalPredictiveFields')} data-testid="predictive-fields">
          <Stack gap="sm">{predictive.map(field)}</Stack>
        </Fieldset>
      ) : null}
    </Stack>
  )
}
