// The office floor's codes in plain words for the counter clerk: counter and ticket states, outcomes,
// priorities and the counter's refusals. Read at render time so that they follow the language.
import { msg } from '@lit/localize';
import type { CounterStatus, Priority, TicketOutcome, TicketStatus } from '@sportello/protocol';
import { problemText } from './labels.ts';

export function counterStatusText(status: CounterStatus): string {
  switch (status) {
    case 'open':
      return msg('Aperto');
    case 'paused':
      return msg('In pausa');
    case 'closed':
      return msg('Chiuso');
  }
}

export function ticketStatusText(status: TicketStatus): string {
  switch (status) {
    case 'waiting':
      return msg('in attesa');
    case 'called':
      return msg('chiamato');
    case 'serving':
      return msg('in servizio');
    case 'done':
      return msg('servito');
    case 'no-show':
      return msg('assente');
    case 'parked':
      return msg('parcheggiato');
    case 'cancelled':
      return msg('annullato dal cittadino');
  }
}

export function ticketOutcomeText(outcome: TicketOutcome): string {
  switch (outcome) {
    case 'resolved':
      return msg('Risolto');
    case 'appointment-booked':
      return msg('Appuntamento fissato');
    case 'referred':
      return msg('Indirizzato altrove');
    case 'not-resolved':
      return msg('Non risolto');
  }
}

/** Undefined for the ordinary queue: only a priority is worth a word. */
export function priorityText(priority: Priority): string | undefined {
  switch (priority) {
    case 'none':
      return undefined;
    case 'disability':
      return msg('Priorità: disabilità');
    case 'pregnancy':
      return msg('Priorità: gravidanza');
    case 'elderly':
      return msg('Priorità: anziano');
    case 'appointment':
      return msg('Appuntamento');
  }
}

/** A counter action the server refused, in plain words; other problems as everywhere in the console. */
export function counterProblemText(error: unknown): string {
  const code = (error as { code?: string } | undefined)?.code;
  switch (code) {
    case 'counter_taken':
      return msg('Questo sportello è già aperto da un altro collega. Scegli un altro sportello.');
    case 'ticket_open':
      return msg('Prima chiudi, trasferisci o parcheggia il biglietto allo sportello.');
    case 'nobody_waiting':
      return msg('Nessuno in attesa per i servizi di questo sportello.');
    case 'counter_not_open':
      return msg('Lo sportello non è aperto: premi «Apri» per chiamare.');
    case 'recalls_needed':
      return msg('Prima di segnarlo assente, richiama il numero ancora le volte previste.');
    case 'not_yours':
      return msg('Questo biglietto non è più a questo sportello: la lista è stata aggiornata.');
    case 'not_waiting':
      return msg(
        'Questo biglietto non è più in attesa: forse l’ha chiamato un collega o il cittadino è andato via.',
      );
    case 'already_at_counter':
      return msg('Hai già un altro sportello aperto: chiudilo prima di aprire questo.');
    case 'not_called':
      return msg('Questo si fa solo con un numero chiamato e non ancora in servizio.');
    case 'not_parked':
      return msg('Questo biglietto non è più parcheggiato: la lista è stata aggiornata.');
    case 'not_for_this_counter':
      return msg('Questo sportello non serve il servizio di quel biglietto.');
    case 'wrong_sede':
      return msg('Il tuo account lavora in un’altra sede.');
    default:
      return problemText(error);
  }
}
