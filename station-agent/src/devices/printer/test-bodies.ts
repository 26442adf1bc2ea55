// A queue ticket and a booking receipt as the kiosk sends them, shared by the printer tests.
import type { PrintReceiptBody, PrintTicketBody } from '@sportello/protocol';

export const ticket: PrintTicketBody = {
  heading: 'INPS - Sede di Milano Nord',
  number: 'N007',
  service: 'Pensioni e prestazioni',
  details: ['22/11/2026 ore 10:42', 'Attesa stimata: 15 minuti', 'Persone prima di lei: 4'],
  qr: { url: 'https://sportello.example.it/q/mi-nord/N007', caption: 'Segua la coda dal telefono' },
  footer: 'Grazie e arrivederci',
};

export const receipt: PrintReceiptBody = {
  heading: 'INPS - Sede di Milano Nord',
  title: 'Conferma di prenotazione',
  code: 'K7M2QX9D',
  details: [
    'Modalità: in videochiamata',
    'Giovedì 26/11/2026 ore 09:30',
    'Si colleghi dal link ricevuto per SMS',
    'Porti un documento di identità',
  ],
  qr: { url: 'https://sportello.example.it/b/K7M2QX9D', caption: 'Codice della prenotazione' },
  footer: 'Dati trattati secondo l’informativa privacy INPS',
};
