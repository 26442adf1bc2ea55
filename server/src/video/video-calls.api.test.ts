// /api/v1/video/calls/… and /api/v1/audit over real HTTP, on calls made through a real /ws.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../testing/test-server.ts';
import { WsPeer } from './ws-test-client.ts';

/** Tuesday 09:00 in Rome. */
const NOW = '2026-12-01T09:00:00+01:00';
const CF = 'RSSMRA80A01H501U';
const identification = {
  document: { type: 'cie', numberLast4: 'ab12', expiryChecked: true },
  faceMatches: true,
  assistant: {
    name: 'Anna Verdi',
    document: { type: 'patente', numberLast4: '9876', expiryChecked: true },
    consentConfirmed: true,
  },
};

let server: TestServer;
let station: string;
let laura: string; // funzionario.rovigo, official ro-laura-bianchi
let gennaro: string; // funzionario.napoli, another official
let admin: string;
const open: WsPeer[] = [];

beforeAll(async () => {
  server = await startTestServer(NOW);
  station = await server.stationToken('adria-municipio');
  laura = await server.login('funzionario.rovigo');
  gennaro = await server.login('funzionario.napoli');
  admin = await server.login('admin');
});

afterEach(async () => {
  await Promise.all(open.splice(0).map((p) => p.close()));
  server.setNow(NOW);
  for (let i = 0; i < 100 && (await server.ctx.store.read((r) => r.videoQueue())).length > 0; i++)
    await new Promise((resolve) => setTimeout(resolve, 10));
});

afterAll(async () => {
  await server.stop();
});

/** A kiosk citizen joins with `join` fields and Laura takes the call; the sockets stay open. */
async function call(join: object = {}) {
  const desk = await WsPeer.open(server.url, laura);
  const kiosk = await WsPeer.open(server.url, station);
  open.push(desk, kiosk);
  desk.send({ type: 'official.status', status: 'available' });
  await desk.next('official.state', (m) => m.status === 'available');
  kiosk.send({ type: 'queue.join', service: 'pensione-informazioni', ...join });
  const { entryId } = await kiosk.next('queue.joined');
  desk.send({ type: 'queue.accept', entryId });
  const started = await desk.next('call.started');
  // The official learns where the citizen is served: the kiosk's sede.
  expect(started.entry.sede).toBe('rovigo');
  await kiosk.next('call.started');
  return { desk, kiosk, callId: started.callId as string };
}

const strongJoin = () => ({
  authMethod: 'cie-pin',
  authProof: server.authProof('adria-municipio', CF),
  citizen: { firstName: 'Mario', lastName: 'Rossi', language: 'en' },
  assistedBy: 'Anna Verdi',
});

const post = (path: string, token: string, body: unknown) => server.call('POST', path, { token, body });
const auditOf = async () =>
  (await server.call('GET', '/api/v1/audit?date=2026-12-01', { token: admin })).body;

async function firstFreeSlot(
  mode: 'inPerson' | 'webMeeting' | 'callback',
  service = 'pensione-consulenza',
  sede = 'rovigo',
  from = '2026-12-02',
) {
  const found = await server.call(
    'GET',
    `/api/v1/availability?sede=${sede}&service=${service}&mode=${mode}&from=${from}&to=2026-12-09`,
  );
  expect(found.status).toBe(200);
  return found.body.days.flatMap((d: { slots: { start: string }[] }) => d.slots)[0].start as string;
}

describe('identification and outcome', () => {
  it('records the checklist during the call and replaces it later, only for the call’s own official', async () => {
    const { callId, kiosk, desk } = await call(strongJoin());
    const path = `/api/v1/video/calls/${callId}/identification`;

    const recorded = await post(path, laura, identification);
    expect(recorded.status).toBe(200);
    expect(recorded.body.call).toMatchObject({
      callId,
      citizen: { codiceFiscale: CF },
      identification: {
        document: { type: 'cie', numberLast4: 'AB12', expiryChecked: true },
        assistant: { name: 'Anna Verdi', consentConfirmed: true },
        recordedAt: new Date(NOW).toISOString(),
      },
    });
    expect(recorded.body.call.endedAt).toBeUndefined();

    kiosk.send({ type: 'call.hangup', callId });
    await desk.next('call.ended');
    server.setNow('2026-12-01T09:20:00+01:00');
    const again = await post(path, laura, { ...identification, faceMatches: false, assistant: undefined });
    expect(again.status).toBe(200);
    expect(again.body.call.identification).toEqual({
      document: { type: 'cie', numberLast4: 'AB12', expiryChecked: true },
      faceMatches: false,
      recordedAt: new Date('2026-12-01T09:20:00+01:00').toISOString(),
    });
    expect(again.body.call).toMatchObject({ endReason: 'hangup' });

    const bad = await post(path, laura, {
      ...identification,
      document: { ...identification.document, numberLast4: 'A1' },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields.map((f: { path: string }) => f.path)).toEqual(['document.numberLast4']);
    expect((await post(path, gennaro, identification)).status).toBe(403);
    expect((await post(path, admin, identification)).status).toBe(403);
    expect((await post(path, station, identification)).status).toBe(403);
    expect((await post('/api/v1/video/calls/nope/identification', laura, identification)).status).toBe(404);
  });

  it('records the outcome after the call; only its official reads the call, each read audited', async () => {
    const { callId, kiosk, desk } = await call(strongJoin());
    kiosk.send({ type: 'call.hangup', callId, reason: 'media-failed' });
    await desk.next('call.ended');
    const outcome = await post(`/api/v1/video/calls/${callId}/outcome`, laura, {
      outcome: 'call-dropped',
      notes: '  richiamare  ',
    });
    expect(outcome.status).toBe(200);
    expect(outcome.body.call.outcome).toEqual({
      outcome: 'call-dropped',
      notes: 'richiamare',
      recordedAt: new Date(NOW).toISOString(),
    });
    const wrong = await post(`/api/v1/video/calls/${callId}/outcome`, laura, { outcome: 'great' });
    expect(wrong.status).toBe(400);
    expect(wrong.body.error.fields[0].path).toBe('outcome');

    const byLaura = await server.call('GET', `/api/v1/video/calls/${callId}`, { token: laura });
    expect(byLaura.status).toBe(200);
    expect(byLaura.body.call).toMatchObject({
      endReason: 'media-failed',
      outcome: { outcome: 'call-dropped' },
    });
    // The citizen's codice fiscale and names are not an admin's to browse.
    const byAdmin = await server.call('GET', `/api/v1/video/calls/${callId}`, { token: admin });
    expect(byAdmin.status).toBe(403);
    expect(byAdmin.body.error.code).toBe('forbidden');
    const byOther = await server.call('GET', `/api/v1/video/calls/${callId}`, { token: gennaro });
    expect(byOther.status).toBe(403);
    expect(byOther.body.error.code).toBe('not_your_call');
    expect((await server.call('GET', '/api/v1/video/calls/nope', { token: laura })).status).toBe(404);

    const events = (await auditOf()).events.filter((e: { subject: string }) => e.subject === callId);
    expect(events.map((e: { actor: string; action: string }) => [e.actor, e.action])).toEqual([
      ['funzionario.rovigo', 'video.call.citizen-data'],
      ['funzionario.rovigo', 'video.call.read'],
      ['funzionario.rovigo', 'video.call.read'],
    ]);
  });
});

describe('follow-up', () => {
  it('books from the call’s data as staff, asks only for what the call lacks, sends the SMS, once', async () => {
    const { callId } = await call(strongJoin());
    const path = `/api/v1/video/calls/${callId}/follow-up`;
    const start = await firstFreeSlot('webMeeting');
    const body = { service: 'pensione-consulenza', mode: 'webMeeting', start };

    const noPhone = await post(path, laura, body);
    expect(noPhone.status).toBe(400);
    expect(noPhone.body.error.fields.map((f: { path: string }) => f.path)).toEqual(['phone']);
    const badPhone = await post(path, laura, { ...body, phone: '12' });
    expect(badPhone.body.error.fields.map((f: { path: string }) => f.path)).toEqual(['phone']);
    expect((await post(path, gennaro, { ...body, phone: '347 123 4567' })).status).toBe(403);

    const booked = await post(path, laura, { ...body, phone: '347 123 4567', firstName: 'Ignored' });
    expect(booked.status).toBe(201);
    expect(booked.body.admissionCode).toMatch(/^\d{6}$/);
    expect(booked.body.booking).toMatchObject({
      sede: 'rovigo',
      service: 'pensione-consulenza',
      mode: 'webMeeting',
      start,
      status: 'booked',
      citizen: {
        codiceFiscale: CF,
        firstName: 'Mario',
        lastName: 'Rossi',
        phone: '+393471234567',
        language: 'en',
      },
      authMethod: 'cie-pin',
      privacyNoticeVersion: server.ctx.config.server.privacyNoticeVersion,
      bookedBy: { channel: 'staff', id: 'funzionario.rovigo' },
    });
    const code = booked.body.booking.code as string;
    const sms = await server.ctx.store.read((r) =>
      r.outboxMessages({ status: 'pending', bookingCode: code, limit: 10 }),
    );
    expect(sms.map((m) => [m.kind, m.to])).toContainEqual(['confirmation', '+393471234567']);
    expect(
      (await server.call('GET', `/api/v1/video/calls/${callId}`, { token: laura })).body.call,
    ).toMatchObject({
      followUpBookingCode: code,
    });
    const audit = (await auditOf()).events;
    expect(audit).toContainEqual(
      expect.objectContaining({ action: 'video.call.follow-up', subject: code, details: { callId } }),
    );
    expect(JSON.stringify(audit)).not.toContain(CF);

    const twice = await post(path, laura, { ...body, phone: '347 123 4567' });
    expect(twice.status).toBe(409);
    expect(twice.body.error).toMatchObject({ code: 'follow_up_exists', details: { code } });
  });

  it('needs a codice fiscale, names and phone, and a strong sign-in for a web meeting', async () => {
    const anonymous = await call({ authMethod: 'cie-card' });
    // NASpI advice needs no strong sign-in in person, only as a web meeting.
    const start = await firstFreeSlot('inPerson', 'naspi-consulenza');
    const body = { service: 'naspi-consulenza', mode: 'inPerson', start, phone: '3471234567' };
    const unknown = await post(`/api/v1/video/calls/${anonymous.callId}/follow-up`, laura, body);
    expect(unknown.status).toBe(409);
    expect(unknown.body.error.code).toBe('citizen_unknown');
    await Promise.all(open.splice(0).map((p) => p.close()));
    await new Promise((resolve) => setTimeout(resolve, 50));

    const typed = await call({ authMethod: 'typed', citizen: { codiceFiscale: CF } });
    const path = `/api/v1/video/calls/${typed.callId}/follow-up`;
    const { phone: _phone, ...withoutPhone } = body;
    const missing = await post(path, laura, withoutPhone);
    expect(missing.status).toBe(400);
    expect(missing.body.error.fields.map((f: { path: string }) => f.path)).toEqual([
      'phone',
      'firstName',
      'lastName',
    ]);
    const meeting = await post(path, laura, {
      ...body,
      mode: 'webMeeting',
      start: await firstFreeSlot('webMeeting', 'naspi-consulenza'),
      firstName: 'Mario',
      lastName: 'Rossi',
    });
    expect(meeting.status).toBe(403);
    expect(meeting.body.error.code).toBe('strong_authentication_required');
    const named = { ...body, firstName: 'Mario', lastName: 'Rossi' };
    const nowhere = await post(path, laura, { ...named, sede: 'atlantide' });
    expect(nowhere.status).toBe(400);
    expect(nowhere.body.error.fields.map((f: { path: string }) => f.path)).toEqual(['sede']);
    // The official may book at another sede than the kiosk's, e.g. where the citizen lives.
    // Not on the day of the web meeting booked above: one person's appointments never overlap.
    const napoliStart = await firstFreeSlot('inPerson', 'naspi-consulenza', 'napoli', '2026-12-03');
    const inPerson = await post(path, laura, { ...named, sede: 'napoli', start: napoliStart });
    expect(inPerson.status).toBe(201);
    expect(inPerson.body.booking).toMatchObject({
      sede: 'napoli',
      start: napoliStart,
      authMethod: 'typed',
      mode: 'inPerson',
      citizen: { language: 'it' },
    });
  });
});

describe('follow-up on the kiosk', () => {
  const read = (callId: string, token: string) =>
    server.call('GET', `/api/v1/video/calls/${callId}/follow-up`, { token });

  it('reaches the call’s station only, null until booked, with the SMS said only when one was queued', async () => {
    const { callId, kiosk } = await call(strongJoin());
    expect((await read(callId, station)).body).toEqual({ followUp: null });
    expect((await read(callId, laura)).status).toBe(403);
    const other = await server.stationToken('ischia-municipio');
    expect((await read(callId, other)).status).toBe(404);
    expect((await read('no-such-call', station)).status).toBe(404);

    const start = await firstFreeSlot('inPerson', 'pensione-consulenza', 'rovigo', '2026-12-04');
    const body = { service: 'pensione-consulenza', mode: 'inPerson', start, phone: '347 123 4567' };
    const booked = await post(`/api/v1/video/calls/${callId}/follow-up`, laura, body);
    expect(booked.status).toBe(201);
    const seen = await read(callId, station);
    expect(seen.status).toBe(200);
    expect(seen.body.followUp).toEqual({
      code: booked.body.booking.code,
      service: 'pensione-consulenza',
      mode: 'inPerson',
      start,
      end: booked.body.booking.end,
      sede: 'rovigo',
      smsQueued: true,
    });
    expect(JSON.stringify(seen.body)).not.toContain(CF);
    expect(JSON.stringify(seen.body)).not.toContain('4567');

    // The citizen has long left the kiosk: the follow-up is no longer shown there.
    kiosk.send({ type: 'call.hangup', callId });
    await kiosk.next('call.ended');
    for (let i = 0; i < 100; i++) {
      const record = await server.ctx.store.read((r) => r.callRecord(callId));
      if (record?.endedAt) break;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    server.setNow('2026-12-01T09:20:00+01:00');
    expect((await read(callId, station)).status).toBe(200);
    server.setNow('2026-12-01T09:45:00+01:00');
    expect((await read(callId, station)).status).toBe(404);
  });

  it('says no SMS is on its way to a landline', async () => {
    const { callId } = await call({ authMethod: 'typed', citizen: { codiceFiscale: CF } });
    const start = await firstFreeSlot('callback', 'naspi-consulenza', 'rovigo', '2026-12-07');
    // Only a callback may be booked on a landline.
    const booked = await post(`/api/v1/video/calls/${callId}/follow-up`, laura, {
      service: 'naspi-consulenza',
      mode: 'callback',
      start,
      phone: '0425 123456',
      firstName: 'Mario',
      lastName: 'Rossi',
    });
    expect(booked.status, JSON.stringify(booked.body)).toBe(201);
    expect((await read(callId, station)).body.followUp).toMatchObject({ mode: 'callback', smsQueued: false });
  });
});

describe('audit log', () => {
  it('is read by admins only, one valid day at a time', async () => {
    expect((await server.call('GET', '/api/v1/audit?date=2026-12-01', { token: laura })).status).toBe(403);
    expect((await server.call('GET', '/api/v1/audit?date=2026-12-01')).status).toBe(401);
    const bad = await server.call('GET', '/api/v1/audit?date=yesterday', { token: admin });
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields[0].path).toBe('query.date');
    expect((await server.call('GET', '/api/v1/audit?date=2026-11-30', { token: admin })).body).toMatchObject({
      date: '2026-11-30',
      total: 0,
      events: [],
    });
  });
});
