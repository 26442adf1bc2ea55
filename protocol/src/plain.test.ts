import { describe, expect, it } from 'vitest';
import { AgentToKiosk, BookingCode, DeviceEvent } from './index.ts';
import { agentToKioskTypes, deviceEventTypes, hasTypeIn, normalizeBookingCode } from './plain.ts';

const typesOf = (union: { options: readonly { shape: { type: { value: string } } }[] }) =>
  union.options.map((option) => option.shape.type.value);

describe('the plain entry for the browsers', () => {
  it('knows every device event and agent request the schemas define, and no other', () => {
    expect([...deviceEventTypes].sort()).toEqual(typesOf(DeviceEvent).sort());
    expect([...agentToKioskTypes].sort()).toEqual(typesOf(AgentToKiosk).sort());
  });

  it('tells a message by its type, and refuses what has none', () => {
    expect(hasTypeIn({ type: 'card-removed' }, deviceEventTypes)).toBe(true);
    expect(hasTypeIn({ type: 'settings' }, deviceEventTypes)).toBe(false);
    expect(hasTypeIn(null, deviceEventTypes)).toBe(false);
    expect(hasTypeIn({ type: 7 }, deviceEventTypes)).toBe(false);
  });

  it('normalizes a booking code exactly as the BookingCode schema does', () => {
    for (const text of ['k7m2-qx9d', ' K7M2 QX9D ', 'K7M2QX9', 'K7M2QX9I', 'K7M2QX9DD', '']) {
      const parsed = BookingCode.safeParse(text);
      expect(normalizeBookingCode(text)).toBe(parsed.success ? parsed.data : undefined);
    }
    expect(normalizeBookingCode(undefined)).toBeUndefined();
  });
});
