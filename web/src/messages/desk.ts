// The agent desktop's preview, wrap-up and do-not-call texts (issue 12) of the one message
// catalogue (web/src/i18n.tsx), English and Polish; Polish is typed by the English keys.
export const deskEn = {
  availableText: 'You are available: a campaign reserves you for its next customer.',
  reservedText: 'A campaign reserved you: its customer or its next record is on the way.',
  previewAuto_ACCEPT: 'Dialled automatically in {s} s',
  previewAuto_SKIP: 'Skipped automatically in {s} s',
  previewAuto_REMOVE: 'Removed automatically in {s} s',
  previewDisabled: 'Turned off by the campaign',
  outcomeNotFinal: 'the contact stays open',
  outcomeCode: 'Outcome code',
  outcomeCodeHint: "The campaign's manager keeps its own codes",
  callbackNotWithFinal: 'A final code closes the contact: no callback can follow',
  dncTitle: 'Do not call',
  dncAdd: 'Add the customer to DNC',
  dncAdded: 'Added {number} to the DNC list {list}',
  dncNoList: 'The campaign has no DNC list',
}

export const deskPl: Record<keyof typeof deskEn, string> = {
  availableText: 'Jesteś dostępny: kampania zarezerwuje Cię dla kolejnego klienta.',
  reservedText: 'Kampania Cię zarezerwowała: jej klient lub kolejny rekord jest w drodze.',
  previewAuto_ACCEPT: 'Automatyczne wybieranie za {s} s',
  previewAuto_SKIP: 'Automatyczne pominięcie za {s} s',
  previewAuto_REMOVE: 'Automatyczne usunięcie za {s} s',
  previewDisabled: 'Wyłączone przez kampanię',
  outcomeNotFinal: 'kontakt pozostaje otwarty',
  outcomeCode: 'Kod wyniku',
  outcomeCodeHint: 'Menedżer kampanii ma własne kody',
  callbackNotWithFinal: 'Kod końcowy zamyka kontakt: oddzwonienie jest niemożliwe',
  dncTitle: 'Nie dzwonić',
  dncAdd: 'Dodaj klienta do listy DNC',
  dncAdded: 'Dodano {number} do listy DNC {list}',
  dncNoList: 'Kampania nie ma listy DNC',
}
