import { describe, expect, it } from 'vitest';
import { CodiceFiscale, MOBILE_NEEDED, MobilePhoneNumber, PhoneNumber } from './citizen.ts';
import { TicketSmsBody } from './ticket.ts';

describe('citizen fields', () => {
  it('takes a landline as a phone number, for a callback', () => {
    expect(PhoneNumber.parse('0425 123456')).toBe('+390425123456');
  });

  it('takes only a mobile where an SMS is promised, saying why a landline will not do', () => {
    expect(MobilePhoneNumber.parse('347 123 4567')).toBe('+393471234567');
    const landline = MobilePhoneNumber.safeParse('0425 123456');
    expect(landline.error?.issues[0]?.message).toBe(MOBILE_NEEDED);
    expect(MobilePhoneNumber.safeParse('12').error?.issues[0]?.message).toBe('not a valid phone number');
  });

  it('sends a ticket’s number only to a mobile', () => {
    const landline = TicketSmsBody.safeParse({ sede: 'rovigo', phone: '0425 123456' });
    expect(landline.error?.issues).toMatchObject([{ path: ['phone'], message: MOBILE_NEEDED }]);
    expect(TicketSmsBody.parse({ sede: 'rovigo', phone: '3471234567' }).phone).toBe('+393471234567');
  });

  it('refuses a codice fiscale born on 30 February', () => {
    expect(CodiceFiscale.safeParse('RSSMRA80B30H501X').error?.issues[0]?.message).toBe(
      'the birth day in this codice fiscale is impossible',
    );
  });
});
