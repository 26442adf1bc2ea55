// The admin's words: staff roles, the audit log's actions, and the refusals of the account and SMS screens.
// Read at render time so that they follow the language.
import { msg } from '@lit/localize';
import type { StaffRole } from '@sportello/protocol';
import { ApiProblem } from '../data/api-client.ts';
import { problemText } from './labels.ts';

export function roleText(role: StaffRole): string {
  switch (role) {
    case 'official':
      return msg('Funzionario');
    case 'counter':
      return msg('Sportello');
    case 'contact-centre':
      return msg('Contact center');
    case 'technician':
      return msg('Tecnico');
    case 'manager':
      return msg('Direttore di sede');
    case 'admin':
      return msg('Amministratore');
  }
}

/** What an audit action means, in a few words; the code itself for one the console does not know. */
export function auditActionText(action: string): string {
  switch (action) {
    case 'video.call.citizen-data':
      return msg('Videochiamata: dati del cittadino ricevuti');
    case 'video.call.read':
      return msg('Videochiamata: scheda letta');
    case 'video.call.follow-up':
      return msg('Videochiamata: appuntamento successivo prenotato');
    case 'appointments.read':
      return msg('Appuntamenti del giorno letti');
    case 'callbacks.read':
      return msg('Richiamate del giorno lette');
    case 'callbacks.result':
      return msg('Esito di una richiamata');
    case 'floor.ticket.citizen-data':
      return msg('Sportello: dati del cittadino del biglietto');
    case 'desk.citizen-bookings':
      return msg('Prenotazioni di un cittadino cercate');
    case 'desk.booking.read':
      return msg('Prenotazione letta');
    case 'desk.booking.cancel':
      return msg('Prenotazione annullata per il cittadino');
    case 'desk.booking.reschedule':
      return msg('Prenotazione spostata per il cittadino');
    case 'desk.booking.arrived':
      return msg('Cittadino arrivato all’appuntamento');
    case 'desk.booking.no-show':
      return msg('Cittadino assente all’appuntamento');
    case 'staff.account.created':
      return msg('Account creato');
    case 'staff.account.updated':
      return msg('Account modificato');
    case 'staff.account.disabled':
      return msg('Account disattivato');
    case 'staff.account.enabled':
      return msg('Account riattivato');
    case 'staff.account.password-reset':
      return msg('Password reimpostata');
    case 'staff.password.changed':
      return msg('Password cambiata dalla persona');
    case 'sms.dead-letter.retried':
      return msg('SMS non consegnato: inviato di nuovo');
    case 'sms.dead-letter.cancelled':
      return msg('SMS non consegnato: annullato');
    default:
      return action;
  }
}

/** A field of the account form named by the server, in the words of the form. */
function fieldText(path: string): string | undefined {
  switch (path) {
    case 'username':
      return msg(
        'Nome utente: da 3 a 40 caratteri tra lettere minuscole, cifre, punto, trattino e trattino basso.',
      );
    case 'name':
      return msg('Scrivi nome e cognome della persona.');
    case 'roles':
    case 'roles.0':
      return msg('Scegli almeno un ruolo.');
    case 'sede':
      return msg(
        'Sede: i ruoli funzionario, sportello e direttore lavorano in una sede; per un funzionario è la sede della sua agenda.',
      );
    case 'official':
      return msg(
        'Agenda del funzionario: serve a chi ha il ruolo funzionario, deve esistere e non essere già di un altro account.',
      );
    case 'password':
    case 'newPassword':
      return msg('La password deve avere almeno 12 caratteri, senza spazi all’inizio o alla fine.');
  }
  return undefined;
}

export function adminProblemText(error: unknown): string {
  if (error instanceof ApiProblem) {
    switch (error.code) {
      case 'own_account':
        return msg('Non puoi farlo sul tuo account: chiedi a un altro amministratore.');
      case 'last_admin':
        return msg(
          'È l’ultimo amministratore attivo: prima dai il ruolo di amministratore a un’altra persona.',
        );
      case 'username_taken':
        return msg('Questo nome utente è già usato: scegline un altro.');
      case 'not_found':
        return msg('Non trovato: forse qualcun altro lo ha già gestito. La lista è stata aggiornata.');
      case 'validation_failed': {
        const field = error.fields?.[0]?.path;
        const text = field === undefined ? undefined : fieldText(field);
        if (text) return text;
      }
    }
  }
  return problemText(error);
}
