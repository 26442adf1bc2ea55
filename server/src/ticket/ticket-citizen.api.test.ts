// What a ticket takes on the citizen's word and what it checks, over real HTTP: the elderly priority against
// the birth date in the codice fiscale, the ticket's number by SMS only to a mobile.
import { checkCharacter } from '@sportello/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../testing/test-server.ts';

const MONDAY_OPEN = '2026-11-30T09:00:00+01:00';
const BORN_1980 = 'RSSMRA80A01H501U';
const BORN_1940 = 'RSSMRA40A01H501' + checkCharacter('RSSMRA40A01H501');
/** 65 on the day after the test's Monday. */
const SIXTY_FIVE_TOMORROW = 'RSSMRA61T01H501' + checkCharacter('RSSMRA61T01H501');
let server: TestServer;
let reception: string;

beforeAll(async () => {
  server = await startTestServer(MONDAY_OPEN);
  reception = await server.stationToken('rovigo-accoglienza');
});
afterAll(() => server.stop());

const issue = (body: Record<string, unknown>) =>
  server.call('POST', '/api/v1/tickets', {
    token: reception,
    body: { sede: 'rovigo', service: 'naspi-informazioni', ...body },
  });

describe('the elderly priority', () => {
  it('is refused, naming priority, when the codice fiscale says the citizen is too young', async () => {
    for (const codiceFiscale of [BORN_1980, SIXTY_FIVE_TOMORROW]) {
      const refused = await issue({ priority: 'elderly', codiceFiscale });
      expect(refused.status, codiceFiscale).toBe(400);
      expect(refused.body.error.fields[0]).toEqual({
        path: 'priority',
        message: 'the elderly priority is for citizens aged 65 or more',
      });
    }
  });

  it('is granted when the codice fiscale shows the age, or taken on the word of a citizen not identified', async () => {
    const old = await issue({ priority: 'elderly', codiceFiscale: BORN_1940 });
    expect(old.status).toBe(201);
    expect(old.body.ticket.priority).toBe('elderly');
    expect(old.body.ticket).not.toHaveProperty('codiceFiscale');
    expect((await issue({ priority: 'elderly' })).status).toBe(201);
  });

  it('leaves the other priorities declared', async () => {
    for (const priority of ['disability', 'pregnancy', 'none']) {
      expect((await issue({ priority, codiceFiscale: BORN_1980 })).status, priority).toBe(201);
    }
  });

  it('names a codice fiscale that is not valid', async () => {
    const bad = await issue({ priority: 'elderly', codiceFiscale: 'RSSMRA80B30H501X' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields[0].path).toBe('codiceFiscale');
  });
});

describe('a ticket’s number by SMS', () => {
  it('needs a mobile number', async () => {
    const issued = await issue({});
    const landline = await server.call('POST', `/api/v1/tickets/${issued.body.ticket.id}/sms`, {
      token: reception,
      body: { sede: 'rovigo', phone: '0425 123456' },
    });
    expect(landline.status).toBe(400);
    expect(landline.body.error.fields[0]).toEqual({
      path: 'phone',
      message: expect.stringMatching(/SMS needs a mobile number/),
    });
  });
});
