// The compliance profiles a campaign can follow (R5.5); their rules live in compliance/profiles.ts.
export const COMPLIANCE_PROFILES = ['US', 'UK', 'CUSTOM'] as const
export type ComplianceProfile = (typeof COMPLIANCE_PROFILES)[number]
