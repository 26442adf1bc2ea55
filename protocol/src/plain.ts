// The protocol's plain values for the browsers, as `@sportello/protocol/plain`: no zod and no phone metadata,
// so the kiosk and the phone pages stay light (the server validates what they send; they take the types only).
export * from './languages.ts';
export * from './codice-fiscale.ts';
export * from './barcode.ts';
export * from './booking-code.ts';
export * from './privacy-notice/index.ts';

export const weekdays = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;

/**
 * How the citizen proved who they are. cie-pin, cns-pin, spid and inps-pin are strong authentication;
 * a card read without PIN, a Tessera Sanitaria barcode or a typed code only identify. inps-pin is the
 * institute's telephone PIN (issued after a strong sign-in on inps.it), checked by staff, never by a station.
 */
export const authMethods = [
  'cie-pin',
  'cns-pin',
  'spid',
  'inps-pin',
  'cie-card',
  'cns-card',
  'ts-barcode',
  'typed',
] as const;
export const strongAuthMethods: readonly (typeof authMethods)[number][] = [
  'cie-pin',
  'cns-pin',
  'spid',
  'inps-pin',
];
export const isStrongAuth = (method: (typeof authMethods)[number]): boolean =>
  strongAuthMethods.includes(method);

/** "+39 347 ***4567": enough for the citizen to recognise it, useless to anyone else. */
export function maskPhone(e164: string): string {
  return e164.length <= 6 ? '***' : `${e164.slice(0, 6)}***${e164.slice(-4)}`;
}

/** The device events' `type`s (agent → kiosk page); a test keeps them equal to DeviceEvent's. */
export const deviceEventTypes = [
  'card-inserted',
  'card-read',
  'card-removed',
  'card-error',
  'barcode',
  'printer',
  'reader',
  'server',
] as const;
/** The agent's requests to the kiosk page (AgentToKiosk's `type`s; a test keeps them equal). */
export const agentToKioskTypes = ['settings', 'camera-check'] as const;

/** A message from our own server or agent whose `type` is one of `types`: the browsers check no more. */
export function hasTypeIn<T extends string>(message: unknown, types: readonly T[]): message is { type: T } {
  const type = (message as { type?: unknown } | null)?.type;
  return typeof type === 'string' && (types as readonly string[]).includes(type);
}
