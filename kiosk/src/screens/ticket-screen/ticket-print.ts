// A queue ticket in the citizen's words, shared by the ticket and check-in screens: the lines shown and
// printed, the body the agent prints, and printing that never throws (the number stays on screen anyway).
import { msg } from '@lit/localize';
import type { PrintTicketBody, PrinterState, TicketResponse } from '@sportello/protocol';
import { ApiProblem } from '../../data/api-client.ts';
import { printTicket } from '../../data/agent.ts';
import { formatDateTime } from '../../i18n/locale.ts';
import { queueLines, whenCalled, type PrintStatus } from '../../components/kiosk-ticket/ticket-words.ts';

export type { PrintStatus };

/** States in which the printer can print (near the end of the roll it still can). */
export const printerReady = (state: PrinterState | undefined): boolean =>
  state === 'ok' || state === 'paper-near-end';

export interface TicketPrintInput {
  response: TicketResponse;
  /** The sede's name, printed at the top. */
  heading: string;
  serviceName: string;
  language: string;
}

/** The ticket as printed; its QR opens the page that follows it on the phone, when the server gave one. */
export function ticketPrintBody({
  response,
  heading,
  serviceName,
  language,
}: TicketPrintInput): PrintTicketBody {
  const { ticket } = response;
  const issued = formatDateTime(ticket.issuedAt, language, {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
  });
  return {
    heading,
    number: ticket.number,
    service: serviceName,
    details: [issued, ...queueLines(response, language)],
    ...(response.followUrl
      ? {
          qr: {
            url: response.followUrl,
            caption: msg('Inquadra il codice per seguire la coda sul telefono'),
          },
        }
      : {}),
    footer: whenCalled(),
  };
}

/** Prints through the agent unless the printer is known not to be ready; reports, never throws. */
export async function printQueueTicket(
  body: PrintTicketBody,
  printer: PrinterState | undefined,
): Promise<PrintStatus> {
  if (!printerReady(printer)) return 'not-ready';
  try {
    await printTicket(body);
    return 'printed';
  } catch (error) {
    return error instanceof ApiProblem && error.code === 'printer_unavailable' ? 'not-ready' : 'failed';
  }
}
