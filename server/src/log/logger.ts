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
