// The one message catalogue of the web app, English and Polish (issue 12): every text on screen
// comes from here; `Messages` is the English catalogue's type, so Polish cannot miss a key.
// Times are shown in the user's own zone.
import { DateTime } from 'luxon'
import { createContext, type ReactNode, useContext, useMemo, useState } from 'react'
import { adminEn, adminPl } from './messages/admin.ts'
import { appEn, appPl } from './messages/app.ts'
import { boardEn, boardPl } from './messages/board.ts'
import { deskEn, deskPl } from './messages/desk.ts'
import { flowsEn, flowsPl } from './messages/flows.ts'
import { portalEn, portalPl } from './messages/portal.ts'
import { reportsEn, reportsPl } from './messages/reports.ts'
import { wizardEn, wizardPl } from './messages/wizard.ts'

// Each area keeps its texts in web/src/messages/; the catalogue is their union, one per language.
const en = {
  ...appEn,
  ...boardEn,
  ...deskEn,
  ...adminEn,
  ...flowsEn,
  ...portalEn,
  ...reportsEn,
  ...wizardEn,
} as const

export type MessageKey = keyof typeof en
type Messages = Record<MessageKey, string>

const pl: Messages = {
  ...appPl,
  ...boardPl,
  ...deskPl,
  ...adminPl,
  ...flowsPl,
  ...portalPl,
  ...reportsPl,
  ...wizardPl,
}

export const LANGUAGES = { en, pl } as const
export type Language = keyof typeof LANGUAGES
const STORAGE_KEY = 'outdial.language'

interface I18n {
  language: Language
  setLanguage(language: Language): void
  t(key: MessageKey, values?: Record<string, string | number>): string
  /** A time in the user's own zone. */
  time(ms: number): string
  /** A time in the customer's zone (IANA), with the zone's abbreviation. */
  zonedTime(ms: number, zone: string): string
}

const I18nContext = createContext<I18n | null>(null)

function initialLanguage(): Language {
  const saved = localStorage.getItem(STORAGE_KEY)
  if (saved === 'en' || saved === 'pl') return saved
  return navigator.language.toLowerCase().startsWith('pl') ? 'pl' : 'en'
}

export function I18nProvider({ children }: { children: ReactNode }) {
  const [language, setLanguageState] = useState<Language>(initialLanguage)
  const value = useMemo<I18n>(() => {
    const messages: Messages = LANGUAGES[language]
    return {
      language,
      setLanguage(next) {
        localStorage.setItem(STORAGE_KEY, next)
        document.documentElement.lang = next
        setLanguageState(next)
      },
      t: (key, values) =>
        messages[key].replace(/\{(\w+)\}/g, (_m, name: string) => String(values?.[name] ?? '')),
      time: (ms) =>
        DateTime.fromMillis(ms).setLocale(language).toLocaleString(DateTime.TIME_WITH_SECONDS),
      zonedTime: (ms, zone) =>
        DateTime.fromMillis(ms, { zone })
          .setLocale(language)
          .toLocaleString({ hour: '2-digit', minute: '2-digit', timeZoneName: 'short' }),
    }
  }, [language])
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>
}

export function useI18n(): I18n {
  const value = useContext(I18nContext)
  if (!value) throw new Error('useI18n outside I18nProvider')
  return value
}
