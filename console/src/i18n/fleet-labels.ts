// The fleet's words: devices and their states, self-test states, how long ago, in the technician's language.
import { msg, str } from '@lit/localize';
import type { SelfTestSummary, StationDeviceName } from '@sportello/protocol';
import { formatDay, formatTime, romeDate } from './locale.ts';

export function deviceName(device: StationDeviceName): string {
  switch (device) {
    case 'reader':
      return msg('Lettore di tessere');
    case 'printer':
      return msg('Stampante');
    case 'scanner':
      return msg('Lettore di codici');
    case 'camera':
      return msg('Videocamera');
  }
}

/** A device's state as the heartbeat tells it, e.g. "paper-out" → "carta esaurita". */
export function deviceStateText(state: string): string {
  switch (state) {
    case 'ok':
      return msg('funziona');
    case 'absent':
      return msg('non collegato');
    case 'no-driver':
      return msg('driver mancante');
    case 'error':
      return msg('in errore');
    case 'paper-near-end':
      return msg('carta quasi finita');
    case 'paper-out':
      return msg('carta esaurita');
    case 'cover-open':
      return msg('coperchio aperto');
    case 'offline':
      return msg('spenta o scollegata');
    case 'denied':
      return msg('permesso negato alla pagina');
    case 'unknown':
      return msg('non ancora provata');
    default:
      return state;
  }
}

export function selfTestStatusText(status: SelfTestSummary['status']): string {
  switch (status) {
    case 'queued':
      return msg('in coda');
    case 'waiting-idle':
      return msg('in attesa che il chiosco sia libero');
    case 'running':
      return msg('in corso');
    case 'done':
      return msg('riuscita');
    case 'failed':
      return msg('non riuscita');
  }
}

/** A length of time in words: "3 g 4 h", "2 h 5 min", "12 min", "40 s". */
export function durationText(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  const days = Math.floor(s / 86_400);
  const hours = Math.floor((s % 86_400) / 3600);
  const minutes = Math.floor((s % 3600) / 60);
  if (days > 0) return msg(str`${days} g ${hours} h`);
  if (hours > 0) return msg(str`${hours} h ${minutes} min`);
  if (minutes > 0) return msg(str`${minutes} min`);
  return msg(str`${s} s`);
}

/** An instant as a technician reads it: the time alone today, else the day and the time. */
export function momentText(iso: string, now = new Date()): string {
  const day = romeDate(iso);
  return day === romeDate(now.toISOString())
    ? formatTime(iso)
    : msg(str`${formatDay(day)}, ${formatTime(iso)}`);
}
