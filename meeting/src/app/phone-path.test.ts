import { describe, expect, it } from 'vitest';
import { phonePage } from './phone-path.ts';

describe('the phone page an address names', () => {
  it("is a ticket for /t/<key>, as the ticket's QR prints it", () => {
    expect(phonePage('/t/rovigo.2026-11-30.AbCdEfGhIjKlMnOpQrStUv')).toEqual({
      kind: 'ticket',
      key: 'rovigo.2026-11-30.AbCdEfGhIjKlMnOpQrStUv',
    });
    expect(phonePage('/t/rovigo.2026-11-30.AbCd/')).toEqual({
      kind: 'ticket',
      key: 'rovigo.2026-11-30.AbCd',
    });
  });

  it("is a sede's queue for /t/sede/<sede>, as the board's QR prints it", () => {
    expect(phonePage('/t/sede/rovigo')).toEqual({ kind: 'sede', sede: 'rovigo' });
    expect(phonePage('/t/sede/san%20dona')).toEqual({ kind: 'sede', sede: 'san dona' });
  });

  it('is nothing for any other address', () => {
    for (const path of ['/t', '/t/', '/t/sede', '/t/sede/', '/t/a/b/c', '/queue/rovigo/1', '/t/%E0%A4%A']) {
      expect(phonePage(path), path).toEqual({ kind: 'unknown' });
    }
  });
});
