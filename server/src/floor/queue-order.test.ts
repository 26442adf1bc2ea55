import { FloorSettings } from '@sportello/protocol';
import { describe, expect, it } from 'vitest';
import { nextFor, queueOrder } from './queue-order.ts';

const settings = FloorSettings.parse({});
const now = new Date('2026-11-30T10:00:00+01:00');

function ticket(id: string, issuedAt: string, extra: Record<string, unknown> = {}) {
  return {
    id,
    number: id,
    status: 'waiting' as const,
    service: 'naspi-informazioni',
    priority: 'none' as const,
    issuedAt: `2026-11-30T${issuedAt}:00+01:00`,
    ...extra,
  };
}

describe('the order of the queue', () => {
  it('puts a checked-in appointment first once its time has come, and an early one last', () => {
    const order = queueOrder(
      [
        ticket('walk-in', '09:00'),
        ticket('due', '09:50', { priority: 'appointment', appointmentStart: '2026-11-30T10:03:00+01:00' }),
        ticket('early', '09:55', { priority: 'appointment', appointmentStart: '2026-11-30T11:00:00+01:00' }),
        ticket('later', '09:30'),
      ],
      now,
      settings,
    );
    expect(order.map((t) => t.id)).toEqual(['due', 'walk-in', 'later', 'early']);
  });

  it('credits priorities with their head start and no more, so ordinary tickets are never starved', () => {
    const order = queueOrder(
      [
        ticket('ordinary-0900', '09:00'),
        ticket('ordinary-0940', '09:40'),
        ticket('elderly-0950', '09:50', { priority: 'elderly' }),
        ticket('disability-0958', '09:58', { priority: 'disability' }),
      ],
      now,
      settings,
    );
    // disability: 30 min (09:28), elderly: 15 min (09:35).
    expect(order.map((t) => t.id)).toEqual([
      'ordinary-0900',
      'disability-0958',
      'elderly-0950',
      'ordinary-0940',
    ]);
  });

  it('leaves out tickets that are not waiting, and keeps a transferred ticket for its counter', () => {
    const tickets = [
      ticket('called', '08:40', { status: 'called' }),
      ticket('for-3', '08:50', { targetCounter: 'sportello-3' }),
      ticket('pension', '08:55', { service: 'estratto-conto-informazioni' }),
      ticket('naspi', '09:10'),
    ];
    const order = queueOrder(tickets, now, settings);
    expect(order.map((t) => t.id)).toEqual(['for-3', 'pension', 'naspi']);
    expect(nextFor(order, { id: 'sportello-1', services: ['naspi-informazioni'] })?.id).toBe('naspi');
    expect(nextFor(order, { id: 'sportello-3', services: ['naspi-informazioni'] })?.id).toBe('for-3');
    expect(nextFor(order, { id: 'sportello-2', services: ['maternita'] })).toBeUndefined();
  });
});
