// How the counter's refusals read for the clerk: the floor's own codes first, the console's others after.
import { ApiProblem } from '@sportello/web-common/api-client';
import { describe, expect, it } from 'vitest';
import { counterProblemText } from './floor-labels.ts';

describe('counterProblemText', () => {
  it('tells each refusal of the counter in plain words', () => {
    const text = (code: string) => counterProblemText(new ApiProblem(409, code, 'server words'));
    expect(text('nobody_waiting')).toBe('Nessuno in attesa per i servizi di questo sportello.');
    expect(text('counter_taken')).toBe(
      'Questo sportello è già aperto da un altro collega. Scegli un altro sportello.',
    );
    expect(text('recalls_needed')).toBe(
      'Prima di segnarlo assente, richiama il numero ancora le volte previste.',
    );
    expect(text('ticket_open')).toBe('Prima chiudi, trasferisci o parcheggia il biglietto allo sportello.');
    expect(text('counter_not_open')).toBe('Lo sportello non è aperto: premi «Apri» per chiamare.');
  });

  it('reads not_yours as the ticket at another counter, not as the appointments’ not_yours', () => {
    expect(counterProblemText(new ApiProblem(409, 'not_yours', 'ticket N001 is not at Sportello 1'))).toBe(
      'Questo biglietto non è più a questo sportello: la lista è stata aggiornata.',
    );
  });

  it('leaves sessions, unreachable servers and unknown rules to the console’s common texts', () => {
    expect(counterProblemText(new ApiProblem(401, 'unauthenticated', 'sign in first'))).toBe(
      'La sessione è scaduta: esci e accedi di nuovo.',
    );
    expect(counterProblemText(new ApiProblem(0, 'unreachable', 'network error'))).toBe(
      'Il server non risponde. Riprova tra poco.',
    );
    expect(counterProblemText(new ApiProblem(409, 'some_new_rule', 'closed on Sundays'))).toBe(
      'Il server ha rifiutato la richiesta: closed on Sundays',
    );
  });
});
