// The booking desk's words: codice fiscale mistakes (as the kiosk says them), SMS states, the proofs an
// operator may tick, and the desk's refusals. Read at render time so that they follow the language.
import { msg } from '@lit/localize';
import type { CodiceFiscaleProblem, MessageKind, MessageStatus } from '@sportello/protocol';
import { ApiProblem } from '../data/api-client.ts';
import { problemText } from './labels.ts';

export function codiceFiscaleText(problem: CodiceFiscaleProblem): string {
  switch (problem) {
    case 'length':
      return msg('Il codice fiscale ha 16 caratteri.');
    case 'characters':
      return msg('Il codice fiscale ha solo lettere e numeri. Controlla di non aver scritto altri segni.');
    case 'structure':
      return msg('Questo non sembra un codice fiscale. Controlla lettere e numeri.');
    case 'date':
      return msg('La data di nascita dentro questo codice non è possibile. Controlla i numeri.');
    case 'check':
      return msg('L’ultima lettera non corrisponde: forse un carattere è sbagliato. Controlla di nuovo.');
  }
}

export function messageKindText(kind: MessageKind): string {
  switch (kind) {
    case 'confirmation':
      return msg('SMS di conferma');
    case 'reminder':
      return msg('SMS di promemoria');
    case 'reschedule':
      return msg('SMS del nuovo orario');
    case 'cancellation':
      return msg('SMS di annullamento');
    case 'missed-call':
      return msg('SMS di chiamata persa');
    case 'rebook-offer':
      return msg('SMS per scegliere un nuovo orario');
    case 'ticket':
    case 'ticket-almost':
      return msg('SMS del biglietto');
  }
}

export function messageStatusText(status: MessageStatus): string {
  switch (status) {
    case 'pending':
      return msg('in coda per l’invio');
    case 'sent':
      return msg('inviato');
    case 'dead':
      return msg('non consegnato');
    case 'cancelled':
      return msg('non più inviato');
  }
}

/** One SMS in a list of bookings, in few words: "SMS conferma: in coda". */
export function smsLine(kind: MessageKind, status: MessageStatus): string {
  const what = (() => {
    switch (kind) {
      case 'confirmation':
        return msg('SMS conferma');
      case 'reminder':
        return msg('SMS promemoria');
      case 'reschedule':
        return msg('SMS nuovo orario');
      case 'cancellation':
        return msg('SMS annullamento');
      case 'missed-call':
        return msg('SMS chiamata persa');
      case 'ticket':
      case 'ticket-almost':
        return msg('SMS biglietto');
    }
  })();
  const how = (() => {
    switch (status) {
      case 'pending':
        return msg('in coda');
      case 'sent':
        return msg('inviato');
      case 'dead':
        return msg('non consegnato');
      case 'cancelled':
        return msg('non più inviato');
    }
  })();
  return `${what}: ${how}`;
}

/** The proofs of identity an operator can honestly check, strongest first. */
export const deskProofs = ['inps-pin', 'typed'] as const;
export type DeskProof = (typeof deskProofs)[number];

export function proofText(proof: DeskProof): string {
  switch (proof) {
    case 'inps-pin':
      return msg('Ho verificato il PIN telefonico INPS del cittadino');
    case 'typed':
      return msg('Nessuna verifica forte: solo i dati detti dal cittadino');
  }
}

export function proofHint(proof: DeskProof): string {
  switch (proof) {
    case 'inps-pin':
      return msg(
        'Identificazione forte: si possono prenotare anche la videochiamata e i servizi che la chiedono.',
      );
    case 'typed':
      return msg(
        'Non si possono prenotare la videochiamata da casa né i servizi che chiedono l’identificazione forte.',
      );
  }
}

/** A refused desk request in plain words; what the desk cannot meet falls back to the console's texts. */
export function deskProblemText(error: unknown): string {
  if (!(error instanceof ApiProblem)) return problemText(error);
  switch (error.code) {
    case 'not_active':
      return msg('Questa prenotazione non è più attiva: aggiorna l’elenco.');
    case 'already_started':
      return msg('L’appuntamento è già iniziato o passato: non si può più spostare né annullare.');
    case 'slot_taken':
      return msg('Questo orario è stato appena preso: scegline un altro.');
    case 'slot_past':
      return msg('Questo orario è passato o troppo vicino: scegline un altro.');
    case 'already_booked':
      return msg('Il cittadino ha già un appuntamento per questo servizio in quel giorno.');
    case 'overlapping_booking':
      return msg('Il cittadino ha già un altro appuntamento a quell’ora.');
    case 'booking_limit':
      return msg(
        'Il cittadino ha già troppi appuntamenti futuri per questo servizio: prima se ne deve svolgere o annullare uno.',
      );
    case 'strong_authentication_required':
      return msg(
        'Serve l’identificazione forte del cittadino (PIN telefonico INPS verificato) per questa scelta.',
      );
    case 'too_early':
      return msg('È presto: l’arrivo si registra da un’ora prima dell’appuntamento.');
    case 'too_late':
      return msg(
        'È passata più di mezz’ora dall’appuntamento: l’arrivo non si registra più. Prenota un nuovo appuntamento.',
      );
    case 'not_in_person':
      return msg('Questo appuntamento non è in sede.');
    case 'not_started':
      return msg('L’appuntamento non è ancora iniziato: l’assenza si registra dall’ora dell’appuntamento.');
    case 'arrived':
      return msg('Il cittadino è arrivato: ha già il biglietto.');
    case 'wrong_sede':
      return msg('Questo appuntamento è in un’altra sede: l’arrivo o l’assenza li registra quella sede.');
    case 'sede_closed':
      return msg('La sede è chiusa ora: i biglietti si danno solo in orario di apertura.');
  }
  const field = error.fields?.[0]?.path ?? '';
  if (field.includes('phone'))
    return msg(
      'Il numero di telefono non è valido; per questa modalità serve un cellulare, che riceve l’SMS.',
    );
  if (field.includes('codiceFiscale')) return msg('Il codice fiscale non è valido.');
  if (field.includes('Name')) return msg('Scrivi nome e cognome del cittadino.');
  if (field.includes('privacyNoticeVersion'))
    return msg('L’informativa è cambiata: ricarica la pagina e leggila al cittadino.');
  return problemText(error);
}
