import { describe, expect, it } from 'vitest';
import { identificationOf, sessionReport } from './session-report.ts';

const id = '0b5e2c7e-3f0c-4d62-9a51-6f1f6e0c2a11';

describe('the session report', () => {
  it('tells what the session got, how long it took, the rating, and nothing identifying', () => {
    const report = sessionReport(
      { startedAt: 1_000, result: 'ticket', rating: 5 },
      {
        id,
        now: 96_400,
        language: 'ro',
        authMethod: 'cns-card',
        serviceId: 'naspi-informazioni',
        endedBy: 'idle',
      },
    );
    expect(report).toEqual({
      id,
      durationSeconds: 95,
      language: 'ro',
      identification: 'cns',
      outcome: 'ticket',
      service: 'naspi-informazioni',
      rating: 5,
    });
  });

  it('counts a service looked at and left as information, a session run out as abandoned', () => {
    const base = { id, now: 10_000, language: 'it' as const, serviceId: 'maternita' };
    expect(sessionReport({ startedAt: 0 }, { ...base, endedBy: 'citizen' }).outcome).toBe('information');
    expect(sessionReport({ startedAt: 0 }, { ...base, endedBy: 'idle' }).outcome).toBe('abandoned');
    expect(sessionReport({ startedAt: 0 }, { id, now: 0, language: 'it', endedBy: 'citizen' })).toEqual({
      id,
      durationSeconds: 0,
      language: 'it',
      identification: 'none',
      outcome: 'abandoned',
    });
  });

  it('names the card whether read alone or with its PIN', () => {
    expect(
      ['cie-card', 'cie-pin', 'cns-pin', 'ts-barcode', 'typed', 'spid'].map((m) =>
        identificationOf(m as never),
      ),
    ).toEqual(['cie', 'cie', 'cns', 'barcode', 'typed', 'pin']);
  });
});
