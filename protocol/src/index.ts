// Shared vocabulary of Sportello: the zod schemas and types every part validates and types with.
// Italian domain words kept as staff say them: sede (office), sportello (counter),
// codice fiscale (tax code), funzionario (official), Tessera Sanitaria (health card).
export * from './admin.ts';
export * from './agent.ts';
export * from './alerts.ts';
export * from './auth.ts';
export * from './barcode.ts';
export * from './booking.ts';
export * from './booking-code.ts';
export * from './calendar.ts';
export * from './catalog.ts';
export * from './citizen-auth.ts';
export * from './citizen.ts';
export * from './codice-fiscale.ts';
export * from './config.ts';
export * from './desk.ts';
export * from './errors.ts';
export * from './floor.ts';
export * from './notification.ts';
export * from './phone.ts';
export * from './privacy-notice/index.ts';
export * from './station.ts';
export * from './statistics.ts';
export * from './teams.ts';
export * from './teams-graph.ts';
export * from './station-channel.ts';
export * from './ticket.ts';
export * from './video.ts';
