// The one message catalogue of the web app, English and Polish (issue 12): every text on screen
// comes from here; `Messages` is the English catalogue's type, so Polish cannot miss a key.
// Times are shown in the user's own zone.
import { DateTime } from 'luxon'
import { createContext, type ReactNode, useContext, useMemo, useState } from 'react'

const en = {
  appName: 'Outdial',
  language: 'Language',
  signIn: 'Sign in',
  signInTitle: 'Sign in to Outdial',
  username: 'Username',
  password: 'Password',
  signInFailed: 'Sign-in failed',
  signOut: 'Sign out',
  loading: 'Loading…',
  errorTitle: 'Something went wrong',
  retry: 'Try again',
  navDesk: 'Agent desktop',
  navSupervisor: 'Supervisor board',
  forbiddenTitle: 'Not for your role',
  forbiddenText: 'This page is for supervisors and administrators. Agents work in the desktop.',
  supervisorNotYet:
    'The supervisor board is not yet in this release. Use the API (/v1/status, /v1/live) meanwhile.',
  noAgentTitle: 'No agent',
  noAgentText: 'Your user is not linked to an agent, so there is no desktop to show.',
  deskTitle: 'Agent desktop',
  stateLabel: 'Your state',
  state_LoggedOut: 'Logged out',
  state_Idle: 'Idle',
  state_Available: 'Available',
  state_Reserved: 'Reserved',
  state_Engaged: 'On a call',
  state_WrapUp: 'Wrap-up',
  logIn: 'Log in to the dialer',
  logOut: 'Log out of the dialer',
  goAvailable: 'Available',
  goIdle: 'Go idle',
  idleCode: 'Idle reason',
  campaignContact: 'Campaign Contact',
  clock: 'Your time',
  waitingTitle: 'No customer yet',
  waitingText: 'Go Available to receive calls from your campaigns.',
  idleText: 'You are idle: no calls come to you.',
  popoverTitle: 'Reserved for a campaign',
  campaign: 'Campaign',
  answerReservation: 'Answer the reservation call',
  leaveReservation: 'Leave the reservation',
  previewTitle: 'Preview offer',
  previewExpires: 'Auto-action in {s} s',
  accept: 'Accept',
  skip: 'Skip',
  remove: 'Remove',
  number: 'Number',
  customerLocalTime: "Customer's local time",
  customerTitle: 'Customer',
  masked: 'hidden (sensitive)',
  empty: '—',
  guideTitle: 'Call guide',
  saveAnswers: 'Save answers',
  answersSaved: 'Answers saved',
  yes: 'Yes',
  no: 'No',
  callTitle: 'Call',
  party: 'Customer number',
  duration: 'Duration',
  hangUp: 'Hang up',
  wrapUpTitle: 'Wrap-up',
  outcome: 'Outcome',
  chooseOutcome: 'Choose an outcome',
  callback: 'Schedule a callback',
  callbackTime: "Callback at (customer's local time)",
  callbackFor: 'Callback for',
  callbackForAgent: 'Me',
  callbackForCampaign: 'Any agent of the campaign',
  finishWrapUp: 'Finish wrap-up',
  liveConnected: 'Live',
  liveDisconnected: 'Reconnecting…',
} as const

export type MessageKey = keyof typeof en
type Messages = Record<MessageKey, string>

const pl: Messages = {
  appName: 'Outdial',
  language: 'Język',
  signIn: 'Zaloguj',
  signInTitle: 'Logowanie do Outdial',
  username: 'Nazwa użytkownika',
  password: 'Hasło',
  signInFailed: 'Logowanie nie powiodło się',
  signOut: 'Wyloguj',
  loading: 'Wczytywanie…',
  errorTitle: 'Coś poszło nie tak',
  retry: 'Spróbuj ponownie',
  navDesk: 'Pulpit agenta',
  navSupervisor: 'Tablica supervisora',
  forbiddenTitle: 'Niedostępne dla Twojej roli',
  forbiddenText:
    'Ta strona jest dla supervisorów i administratorów. Agenci pracują na pulpicie agenta.',
  supervisorNotYet:
    'Tablicy supervisora nie ma jeszcze w tym wydaniu. Do tego czasu użyj API (/v1/status, /v1/live).',
  noAgentTitle: 'Brak agenta',
  noAgentText: 'Twój użytkownik nie jest powiązany z agentem, więc nie ma pulpitu do pokazania.',
  deskTitle: 'Pulpit agenta',
  stateLabel: 'Twój stan',
  state_LoggedOut: 'Wylogowany',
  state_Idle: 'Bezczynny',
  state_Available: 'Dostępny',
  state_Reserved: 'Zarezerwowany',
  state_Engaged: 'W rozmowie',
  state_WrapUp: 'Obsługa po rozmowie',
  logIn: 'Zaloguj do dialera',
  logOut: 'Wyloguj z dialera',
  goAvailable: 'Dostępny',
  goIdle: 'Przejdź w bezczynność',
  idleCode: 'Powód bezczynności',
  campaignContact: 'Kontakt z kampanii',
  clock: 'Twój czas',
  waitingTitle: 'Brak klienta',
  waitingText: 'Przejdź w stan Dostępny, aby odbierać połączenia z kampanii.',
  idleText: 'Jesteś bezczynny: połączenia do Ciebie nie trafiają.',
  popoverTitle: 'Rezerwacja dla kampanii',
  campaign: 'Kampania',
  answerReservation: 'Odbierz połączenie rezerwacyjne',
  leaveReservation: 'Opuść rezerwację',
  previewTitle: 'Podgląd kontaktu',
  previewExpires: 'Automatyczna akcja za {s} s',
  accept: 'Akceptuj',
  skip: 'Pomiń',
  remove: 'Usuń',
  number: 'Numer',
  customerLocalTime: 'Czas lokalny klienta',
  customerTitle: 'Klient',
  masked: 'ukryte (dane wrażliwe)',
  empty: '—',
  guideTitle: 'Skrypt rozmowy',
  saveAnswers: 'Zapisz odpowiedzi',
  answersSaved: 'Odpowiedzi zapisane',
  yes: 'Tak',
  no: 'Nie',
  callTitle: 'Połączenie',
  party: 'Numer klienta',
  duration: 'Czas trwania',
  hangUp: 'Rozłącz',
  wrapUpTitle: 'Obsługa po rozmowie',
  outcome: 'Wynik',
  chooseOutcome: 'Wybierz wynik',
  callback: 'Zaplanuj oddzwonienie',
  callbackTime: 'Oddzwonienie o (czas lokalny klienta)',
  callbackFor: 'Oddzwonienie dla',
  callbackForAgent: 'Mnie',
  callbackForCampaign: 'Dowolnego agenta kampanii',
  finishWrapUp: 'Zakończ obsługę',
  liveConnected: 'Na żywo',
  liveDisconnected: 'Ponowne łączenie…',
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
