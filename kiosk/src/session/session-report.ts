// What the server is told of a session when it ends, for the office's statistics: how long, in which
// language, how the citizen identified, what they got, the service and the end screen's rating. Nothing
// that identifies them (no codice fiscale, no name, no booking code).
import type {
  AuthMethod,
  KioskIdentification,
  KioskOutcome,
  KioskSessionReport,
  Language,
} from '@sportello/protocol';

/** What happened in the session so far, kept beside it (memory only) and reset with it. */
export interface SessionTally {
  /** Date.now() when the citizen touched "Inizia". */
  startedAt: number;
  /** The latest result: a ticket, an appointment checked in, a booking, a video call held. */
  result?: Extract<KioskOutcome, 'ticket' | 'check-in' | 'booking' | 'video'>;
  rating?: number;
}

export const identificationOf = (method: AuthMethod | undefined): KioskIdentification => {
  switch (method) {
    case undefined:
      return 'none';
    case 'cie-card':
    case 'cie-pin':
      return 'cie';
    case 'cns-card':
    case 'cns-pin':
      return 'cns';
    case 'ts-barcode':
      return 'barcode';
    case 'typed':
      return 'typed';
    case 'spid':
    case 'inps-pin':
      return 'pin';
  }
};

export interface SessionEnd {
  id: string;
  now: number;
  language: Language;
  authMethod?: AuthMethod;
  serviceId?: string;
  /** idle: the inactivity timer ended it; citizen: "Fine", the end screen, a card taken out. */
  endedBy: 'idle' | 'citizen';
}

export function sessionReport(tally: SessionTally, end: SessionEnd): KioskSessionReport {
  const outcome: KioskOutcome =
    tally.result ?? (end.serviceId && end.endedBy === 'citizen' ? 'information' : 'abandoned');
  return {
    id: end.id,
    durationSeconds: Math.min(86_400, Math.max(0, Math.round((end.now - tally.startedAt) / 1000))),
    language: end.language,
    identification: identificationOf(end.authMethod),
    outcome,
    ...(end.serviceId && { service: end.serviceId }),
    ...(tally.rating && { rating: tally.rating }),
  };
}
