// The alert e-mails' wording: a problem that came and went before it could be mailed, a removed station,
// a digest telling new and solved problems apart, the length of an outage.
import type { Station } from '@sportello/protocol';
import { describe, expect, it } from 'vitest';
import type { StationAlert } from '../store/store.ts';
import { renderMail, type MailContext } from './alert-mail.ts';

const adria: Station = {
  id: 'adria',
  name: 'Postazione INPS al Comune di Adria',
  kind: 'municipal',
  host: 'Comune di Adria',
  address: 'Corso Vittorio Emanuele II 49, Adria',
  sede: 'rovigo',
  comune: 'Adria',
};
const context: MailContext = {
  station: (id) => (id === 'adria' ? adria : undefined),
  sedeName: () => 'INPS - Sede provinciale di Rovigo',
  stationLink: (id) => `https://sportello.example.it/console/#stations/${id}`,
};
const alert = (overrides: Partial<StationAlert>): StationAlert => ({
  id: 'a1',
  station: 'adria',
  kind: 'offline',
  raisedAt: '2026-11-30T08:12:00.000Z',
  since: '2026-11-30T08:00:00.000Z',
  ...overrides,
});

describe('alert e-mails', () => {
  it('tell a problem that came and went before it was mailed as recovered, with how long it lasted', () => {
    const mail = renderMail(
      [{ alert: alert({ clearedAt: '2026-11-30T09:35:00.000Z' }), events: ['raised', 'cleared'] }],
      context,
    );
    expect(mail.subject).toBe(
      '[Sportello] Ripristinato: Postazione INPS al Comune di Adria – non raggiungibile',
    );
    expect(mail.text).toContain('Il problema è comparso e si è risolto da sé prima che potessimo avvisarti.');
    expect(mail.text).toContain('Ultimo segnale: lunedì 30 novembre 2026 alle 09:00');
    expect(mail.text).toContain(
      'Ripristinato: lunedì 30 novembre 2026 alle 10:35 (durata 1 ora e 35 minuti)',
    );
  });

  it('say when the station is no longer in the registry', () => {
    const mail = renderMail(
      [{ alert: alert({ station: 'gone', kind: 'paper-out' }), events: ['raised'] }],
      context,
    );
    expect(mail.subject).toBe('[Sportello] Avviso: gone – stampante senza carta');
    expect(mail.text).toContain('La stazione non è più nell’elenco delle stazioni.');
    expect(mail.text).toContain('https://sportello.example.it/console/#stations/gone');
  });

  it('gather new and solved problems apart in a digest', () => {
    const mail = renderMail(
      [
        { alert: alert({ id: 'a', kind: 'device', detail: 'printer: cover-open' }), events: ['raised'] },
        {
          alert: alert({ id: 'b', kind: 'paper-out', clearedAt: '2026-11-30T08:20:00.000Z' }),
          events: ['cleared'],
        },
        { alert: alert({ id: 'c' }), events: ['raised'] },
      ],
      context,
    );
    expect(mail.subject).toBe('[Sportello] Riepilogo avvisi: 2 nuovi, 1 ripristinato');
    const [open, solved] = mail.text.split('Problemi risolti:');
    expect(open).toContain('Problema: la stampante ha il coperchio aperto');
    expect(open).toContain('Problema: la stazione non è raggiungibile');
    expect(solved).toContain('Problema: la stampante è senza carta');
    expect(solved).toContain('(durata 20 minuti)');
  });
});
