// "Tocca a te tra poco": when a waiting ticket whose citizen gave a mobile number at the kiosk comes this near
// the front, its SMS goes to the outbox, once per ticket, in the transaction of the change that moved it.
import { randomUUID } from 'node:crypto';
import type { Sede } from '@sportello/protocol';
import type { AppContext } from '../context.ts';
import { renderMessage, smsLanguage } from '../notification/message-templates.ts';
import type { StoredTicket, StoreTx } from '../store/store.ts';
import { followUrl } from './follow.service.ts';

/**
 * Enqueues the SMS for every waiting ticket of `ordered` with a mobile number, no SMS yet, and at most
 * `floor.almostTurnAhead` people ahead (as `aheadOf` counts them); marks each sent and answers them.
 */
export async function enqueueAlmostTurn(
  tx: StoreTx,
  ctx: AppContext,
  sede: Sede,
  ordered: StoredTicket[],
  aheadOf: (ticket: StoredTicket) => number,
  now: Date,
): Promise<StoredTicket[]> {
  const limit = ctx.config.server.floor.almostTurnAhead;
  const at = now.toISOString();
  const marked: StoredTicket[] = [];
  for (const ticket of ordered) {
    if (ticket.status !== 'waiting' || !ticket.notifyPhone || ticket.almostTurnSentAt) continue;
    const ahead = aheadOf(ticket);
    if (ahead > limit) continue;
    await tx.enqueueMessage({
      id: randomUUID(),
      kind: 'ticket-almost',
      bookingCode: `ticket-${ticket.id}`,
      to: ticket.notifyPhone,
      language: ticket.language,
      text: renderMessage('ticket-almost', smsLanguage(ctx.config.notifications, ticket.language), {
        code: ticket.number,
        address: sede.name,
        ahead,
        followUrl: followUrl(ctx, ticket),
        // The rest speaks of appointments, which a ticket's text does not mention.
        service: '',
        mode: 'inPerson',
        start: ticket.issuedAt,
        phone: ticket.notifyPhone,
        meetingUrl: '',
        privacyUrl: '',
      }),
      slotStart: ticket.issuedAt,
      dueAt: at,
      createdAt: at,
    });
    const sent: StoredTicket = { ...ticket, almostTurnSentAt: at };
    await tx.updateTicket(sent);
    marked.push(sent);
  }
  return marked;
}
