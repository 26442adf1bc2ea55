// How a queue ticket is told to the citizen, on screen, aloud and on paper.
import { msg, str } from '@lit/localize';
import type { TicketResponse } from '@sportello/protocol';

/** printing: under way; printed: take it; not-ready: the printer cannot print now; failed: it tried and failed. */
export type PrintStatus = 'printing' | 'printed' | 'not-ready' | 'failed';

/** "Persone prima di te: 3", "Attesa stimata: 10 minuti". */
export function queueLines({ ahead, estimatedWaitMinutes }: TicketResponse, language: string): string[] {
  const minutes = new Intl.NumberFormat(language, {
    style: 'unit',
    unit: 'minute',
    unitDisplay: 'long',
  }).format(estimatedWaitMinutes);
  const people = new Intl.NumberFormat(language).format(ahead);
  return [
    ahead === 0 ? msg('Nessuna persona prima di te') : msg(str`Persone prima di te: ${people}`),
    estimatedWaitMinutes === 0 ? msg('Attesa stimata: pochi minuti') : msg(str`Attesa stimata: ${minutes}`),
  ];
}

export const whenCalled = () => msg('Quando il tuo numero compare sul monitor, vai allo sportello indicato.');
