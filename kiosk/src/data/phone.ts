// A typed phone number checked by the station agent, which holds libphonenumber's rules so the page need not.
import type { PhoneCheck, PhoneCheckBody } from '@sportello/protocol';
import { request } from './api-client.ts';

export const checkPhone = (number: string) =>
  request<PhoneCheck>('POST', '/agent/phone/check', { number } satisfies PhoneCheckBody);
