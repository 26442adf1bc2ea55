// JSON logs with personal data redacted wherever it may appear (bodies, citizens, errors).
import pino, { type Logger, type LoggerOptions } from 'pino';

const personal = ['codiceFiscale', 'firstName', 'lastName', 'phone', 'password', 'token', 'admissionCode'];
export const redactPaths = [
  ...personal,
  ...personal.map((key) => `*.${key}`),
  ...personal.map((key) => `*.*.${key}`),
  ...personal.map((key) => `*.*.*.${key}`),
  'req.headers.authorization',
  'req.headers.cookie',
  'res.headers["set-cookie"]',
];

// The shape of a codice fiscale (omocodes included), wherever a client put one in a path.
const CODICE_FISCALE_SHAPE = /[A-Z]{6}[\dLMNPQRSTUV]{2}[A-Z][\dLMNPQRSTUV]{2}[A-Z][\dLMNPQRSTUV]{3}[A-Z]/gi;

/** A request path fit for the log: no query, no codice fiscale (a path may hold whatever a client typed). */
export function loggablePath(url: string): string {
  return url.split('?')[0]!.replace(CODICE_FISCALE_SHAPE, '[redacted]');
}

export function createLogger(options: LoggerOptions = {}, destination?: pino.DestinationStream): Logger {
  return pino(
    {
      level: process.env.LOG_LEVEL ?? 'info',
      redact: { paths: redactPaths, censor: '[redacted]' },
      ...options,
    },
    destination,
  );
}
