// Plain Italian names for the protocol's codes, read at render time so that they follow the language.
import { msg, str } from '@lit/localize';
import type {
  AppointmentSummary,
  AuthLevel,
  AuthMethod,
  BookingMode,
  CallEndReason,
  CallOutcome,
  IdentityDocument,
} from '@sportello/protocol';

export type DocumentType = IdentityDocument['type'];

export function documentTypeText(type: DocumentType): string {
  switch (type) {
    case 'cie':
      return msg("Carta d'identità elettronica");
    case 'carta-identita-cartacea':
      return msg("Carta d'identità cartacea");
    case 'passaporto':
      return msg('Passaporto');
    case 'patente':
      return msg('Patente di guida');
    case 'permesso-soggiorno':
      return msg('Permesso di soggiorno');
    case 'altro':
      return msg('Altro documento con foto');
  }
}

export function outcomeText(outcome: CallOutcome): string {
  switch (outcome) {
    case 'answered':
      return msg('Risposta data al cittadino');
    case 'needs-appointment':
      return msg('Serve un appuntamento');
    case 'documents-missing':
      return msg('Mancano dei documenti');
    case 'identification-failed':
      return msg('Identificazione non riuscita');
    case 'referred-to-sede':
      return msg('Indirizzato alla sede');
    case 'call-dropped':
      return msg('La chiamata è caduta');
  }
}

export function authLevelText(level: AuthLevel): string {
  switch (level) {
    case 'strong':
      return msg('forte (carta e PIN)');
    case 'typed':
      return msg('codice fiscale');
    case 'none':
      return msg('non identificato');
  }
}

export function authMethodText(method: AuthMethod): string {
  switch (method) {
    case 'cie-pin':
      return msg('CIE con PIN');
    case 'cns-pin':
      return msg('Tessera sanitaria (CNS) con PIN');
    case 'spid':
      return msg('SPID');
    case 'inps-pin':
      return msg('PIN telefonico INPS');
    case 'cie-card':
      return msg('CIE letta senza PIN');
    case 'cns-card':
      return msg('Tessera sanitaria letta senza PIN');
    case 'ts-barcode':
      return msg('codice a barre della tessera sanitaria');
    case 'typed':
      return msg('codice fiscale scritto a mano');
  }
}

export function modeText(mode: BookingMode): string {
  switch (mode) {
    case 'inPerson':
      return msg('In sede');
    case 'callback':
      return msg('Richiamata telefonica');
    case 'webMeeting':
      return msg('Videochiamata da casa');
  }
}

export function endReasonText(reason: CallEndReason): string {
  switch (reason) {
    case 'hangup':
      return msg('La chiamata è terminata.');
    case 'media-failed':
      return msg(
        'La connessione video con il cittadino non è riuscita: la chiamata è stata chiusa. Puoi prenotargli un appuntamento qui accanto.',
      );
    case 'disconnected':
      return msg('La chiamata si è interrotta: il cittadino si è scollegato.');
    case 'server-stopped':
      return msg('La chiamata si è interrotta: il server è stato fermato.');
  }
}

export function appointmentStatusText(status: AppointmentSummary['status']): string {
  switch (status) {
    case 'booked':
      return msg('prenotato');
    case 'cancelled':
      return msg('annullato');
    case 'completed':
      return msg('svolto');
    case 'no-show':
      return msg('non presentato');
  }
}

/** A failed request in plain words: the server's field names are not the official's. */
export function problemText(error: unknown): string {
  const problem = error as
    { status?: number; code?: string; message?: string; unreachable?: boolean } | undefined;
  if (problem?.unreachable) return msg('Il server non risponde. Riprova tra poco.');
  const known = problem?.code === undefined ? undefined : refusalText(problem.code);
  if (known) return known;
  const status = problem?.status ?? 0;
  switch (status) {
    case 401:
      return msg('La sessione è scaduta: esci e accedi di nuovo.');
    case 404:
      return msg('Non trovato: forse è già stato chiuso o annullato.');
    case 429:
      return msg('Troppe richieste. Attendi un minuto e riprova.');
  }
  // Any other refusal (a 403 other than `forbidden` too) is a rule of the server: its own words say which.
  if (status >= 400 && status < 500 && problem?.code !== 'http_error' && problem?.message)
    return msg(str`Il server ha rifiutato la richiesta: ${problem.message}`);
  return msg("Non è stato possibile completare l'operazione. Riprova; se si ripete, avvisa l'assistenza.");
}

/** The server's refusals the console can meet, by code; undefined for a code it does not know. */
function refusalText(code: string): string | undefined {
  switch (code) {
    // Only the role check answers `forbidden`: the one 403 that is a missing permission.
    case 'forbidden':
      return msg('Non hai il permesso per questa operazione.');
    case 'strong_authentication_required':
      return msg(
        'Serve un’identificazione forte del cittadino (CIE, CNS o SPID): questo servizio o la videochiamata da casa non si possono prenotare per lui.',
      );
    case 'not_your_call':
      return msg('Questa chiamata è stata accettata da un altro funzionario.');
    case 'not_an_official':
      return msg('Questo account non è di un funzionario: la console non è disponibile.');
    case 'not_yours':
      return msg('Questo appuntamento è di un’altra sede o di un settore che non segui.');
    default:
      return undefined;
  }
}

/** A message to the waiting room could not leave: /ws is reconnecting. */
export const notConnectedText = () => msg('Non collegato al server: riprova tra qualche secondo.');

/** What the waiting room's refusals mean for the official. */
export function queueErrorText(code: string): string {
  switch (code) {
    case 'queue_empty':
      return msg('Nessun cittadino in attesa per i tuoi settori.');
    case 'not_available':
      return msg('Imposta lo stato "Disponibile" per accettare.');
    case 'entry_taken':
      return msg('Un altro funzionario ha già accettato questo cittadino.');
    case 'entry_gone':
      return msg('Il cittadino ha lasciato la coda.');
    case 'entry_not_yours':
      return msg('Questo cittadino attende per un settore che non segui.');
    case 'busy':
      return msg('Termina prima la chiamata in corso.');
    default:
      return msg('Il server ha rifiutato la richiesta: riprova tra qualche secondo.');
  }
}
