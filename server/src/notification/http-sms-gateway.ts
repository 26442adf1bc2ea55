// A generic HTTPS SMS gateway described in config: URL, method, headers, body template with
// placeholders, time-out, and what counts as accepted. Covers the usual Italian providers' REST APIs.
import type { SmsGatewaySettings } from '@sportello/protocol';
import { SmsSendError, type OutgoingSms, type SentSms, type SmsProvider } from './sms-provider.ts';

export class HttpSmsGateway implements SmsProvider {
  constructor(
    private readonly settings: SmsGatewaySettings,
    private readonly sender: string,
    private readonly env: NodeJS.ProcessEnv = process.env,
  ) {}

  async send({ to, text, ref }: OutgoingSms): Promise<SentSms> {
    const { settings } = this;
    const values: Record<string, string> = {
      to,
      toDigits: to.replace(/^\+/, ''),
      text,
      sender: this.sender,
      id: ref,
    };
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(settings.headers)) headers[name] = expandEnv(value, this.env);
    if (settings.idempotencyHeader) headers[settings.idempotencyHeader] = ref;
    let body: string | undefined;
    if (settings.bodyTemplate) {
      const filled = fillJson(settings.bodyTemplate, values) as Record<string, unknown>;
      if (settings.bodyFormat === 'json') {
        body = JSON.stringify(filled);
        headers['content-type'] ??= 'application/json';
      } else {
        const form = Object.entries(filled).map(([k, v]): [string, string] => [
          k,
          typeof v === 'string' ? v : JSON.stringify(v),
        ]);
        body = new URLSearchParams(form).toString();
        headers['content-type'] ??= 'application/x-www-form-urlencoded';
      }
    }
    const url = expandEnv(fill(settings.url, values, encodeURIComponent), this.env);

    let status: number;
    let answer: string;
    try {
      // The time-out covers the whole exchange, body included.
      const response = await fetch(url, {
        method: settings.method,
        headers,
        ...(body === undefined ? {} : { body }),
        signal: AbortSignal.timeout(settings.timeoutMilliseconds),
      });
      status = response.status;
      answer = await response.text();
    } catch (error) {
      const name = (error as Error).name;
      if (name === 'TimeoutError' || name === 'AbortError')
        throw new SmsSendError(`gateway did not answer within ${settings.timeoutMilliseconds} ms`, true);
      const cause = (error as { cause?: { code?: string } }).cause?.code;
      throw new SmsSendError(`gateway unreachable (${cause ?? (error as Error).message})`, true);
    }

    if (!statusAccepted(status, settings.success.status)) {
      throw new SmsSendError(
        `gateway answered HTTP ${status}`,
        status >= 500 || status === 408 || status === 429,
      );
    }
    const { jsonPath, equals } = settings.success;
    let json: unknown;
    if (jsonPath || settings.messageIdPath) {
      try {
        json = JSON.parse(answer);
      } catch {
        if (jsonPath) throw new SmsSendError(`gateway answered HTTP ${status} without JSON`, true);
      }
    }
    if (jsonPath) {
      const value = valueAt(json, jsonPath);
      const accepted =
        equals === undefined ? value !== undefined && value !== null && value !== false : value === equals;
      if (!accepted)
        throw new SmsSendError(`gateway refused the message: ${jsonPath} is ${shown(value)}`, true);
    }
    const id = settings.messageIdPath ? valueAt(json, settings.messageIdPath) : undefined;
    return { id: id === undefined || id === null ? ref : String(id), status: 'accepted' };
  }
}

/** "2xx,409" against a status. */
function statusAccepted(status: number, accepted: string): boolean {
  return accepted.split(',').some((item) => {
    const pattern = item.trim();
    return pattern.endsWith('xx')
      ? Math.floor(status / 100) === Number(pattern[0])
      : Number(pattern) === status;
  });
}

function fill(
  template: string,
  values: Record<string, string>,
  encode: (s: string) => string = (s) => s,
): string {
  return template.replace(/\{\{\s*(\w+)\s*\}\}/g, (_, name: string) => encode(values[name] ?? ''));
}

function fillJson(template: unknown, values: Record<string, string>): unknown {
  if (typeof template === 'string') return fill(template, values);
  if (Array.isArray(template)) return template.map((item) => fillJson(item, values));
  if (typeof template === 'object' && template !== null)
    return Object.fromEntries(Object.entries(template).map(([k, v]) => [k, fillJson(v, values)]));
  return template;
}

/** `${env:NAME}` → the variable's value; load-config has already checked that each is set. */
export function expandEnv(value: string, env: NodeJS.ProcessEnv): string {
  return value.replace(/\$\{env:([A-Za-z_][A-Za-z0-9_]*)\}/g, (_, name: string) => env[name] ?? '');
}

/** "messages[0].id" or "result.status" in a parsed JSON answer. */
export function valueAt(json: unknown, path: string): unknown {
  let value = json;
  for (const key of path.split(/\.|\[(\d+)\]/).filter((k) => k !== undefined && k !== '')) {
    if (typeof value !== 'object' || value === null) return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  return value;
}

/** A gateway's answer, short and without anything that looks like a phone number, for logs and admins. */
function shown(value: unknown): string {
  const text = value === undefined ? 'missing' : JSON.stringify(value);
  return text.replace(/\+?\d[\d ]{5,}\d/g, '…').slice(0, 80);
}
