// What an alert says, in the technicians' words: the problem at the station, from its kind and detail.
import { msg } from '@lit/localize';
import type { AlertKind } from '@sportello/protocol';

export function alertProblemText(kind: AlertKind, detail: string | null): string {
  if (kind === 'offline') return msg('Non raggiungibile: nessun segnale dalla stazione');
  if (kind === 'paper-out') return msg('Stampante senza carta');
  switch (detail) {
    case 'printer: cover-open':
      return msg('Stampante con il coperchio aperto');
    case 'printer: offline':
      return msg('La stampante non risponde (spenta o scollegata)');
    case 'printer: absent':
      return msg('Stampante non collegata');
    case 'reader: error':
      return msg('Lettore di carte in errore');
    case 'reader: no-driver':
      return msg('Lettore di carte senza driver (servizio pcscd)');
    case 'reader: absent':
      return msg('Lettore di carte non collegato');
    case 'scanner: error':
      return msg('Lettore di codici a barre in errore');
    case 'scanner: absent':
      return msg('Lettore di codici a barre non collegato');
    case 'camera: absent':
      return msg('Telecamera non collegata');
    case 'camera: denied':
      return msg('Il chiosco non ha il permesso di usare la telecamera');
    case 'camera: error':
      return msg('Telecamera in errore');
    default:
      return detail ?? msg('Problema a un dispositivo');
  }
}
