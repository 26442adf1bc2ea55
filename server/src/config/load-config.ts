// Reads and checks the deployment configuration in config/*.json.
// Every problem found becomes one line of a ConfigError, naming the file, the place inside it
// (e.g. `[1].appointmentHours.mon[0].to`) and what is wrong, so an operator can fix them all in one pass.
import { X509Certificate } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import {
  NotificationSettings,
  Official,
  Sector,
  Sede,
  ENV_REFERENCE,
  ServerSettings,
  Service,
  StaffAccount,
  Station,
  weekdays,
  APPOINTMENT_TICKET_PREFIX,
  type WeeklyHours,
  CitizenAuthSettings,
  VideoSettings,
  privacyNotices,
  TeamsSettings,
} from '@sportello/protocol';

export type AppConfig = {
  /** Absolute path of the directory the configuration was read from. */
  dir: string;
  server: ServerSettings;
  sectors: Sector[];
  sedi: Sede[];
  stations: Station[];
  services: Service[];
  officials: Official[];
  staff: StaffAccount[];
  notifications: NotificationSettings;
  video: VideoSettings;
  /** Microsoft Teams (teams.json, optional: without it, nothing of Teams is on). */
  teams: TeamsSettings;
  citizenAuth: CitizenAuthSettings & {
    /** The PEM text of each trusted CA certificate, read from trustedCaFiles. */
    trustedCAs: { cns: string[]; cie: string[] };
  };
};

export class ConfigError extends Error {
  override name = 'ConfigError';
  constructor(
    /** One readable line per problem. */
    readonly problems: string[],
  ) {
    super(problems.join('\n'));
  }
}

/** SPORTELLO_CONFIG_DIR when set, otherwise the repository's config/ directory. */
export function defaultConfigDir(): string {
  const fromEnv = process.env.SPORTELLO_CONFIG_DIR;
  if (fromEnv !== undefined && fromEnv.trim() !== '') return path.resolve(fromEnv);
  return fileURLToPath(new URL('../../../config/', import.meta.url));
}

const files = {
  server: { name: 'server.json', schema: ServerSettings },
  sectors: { name: 'sectors.json', schema: z.array(Sector) },
  sedi: { name: 'sedi.json', schema: z.array(Sede) },
  stations: { name: 'stations.json', schema: z.array(Station) },
  services: { name: 'services.json', schema: z.array(Service) },
  officials: { name: 'officials.json', schema: z.array(Official) },
  staff: { name: 'staff.json', schema: z.array(StaffAccount) },
  notifications: { name: 'notifications.json', schema: NotificationSettings },
  citizenAuth: { name: 'citizen-auth.json', schema: CitizenAuthSettings },
  video: { name: 'video.json', schema: VideoSettings },
  teams: { name: 'teams.json', schema: TeamsSettings, absent: {} },
} as const;

type FileKey = keyof typeof files;
type Loaded = { [K in FileKey]?: z.output<(typeof files)[K]['schema']> };
type PathItem = PropertyKey;

export async function loadConfig(dir: string = defaultConfigDir()): Promise<AppConfig> {
  const absDir = path.resolve(dir);
  const problems: string[] = [];
  const loaded: Loaded = {};
  const keys = Object.keys(files) as FileKey[];
  const results = await Promise.all(keys.map((key) => loadFile(absDir, key)));
  keys.forEach((key, i) => {
    const result = results[i]!;
    if (result.ok) (loaded as Record<FileKey, unknown>)[key] = result.value;
    else problems.push(...result.problems);
  });
  problems.push(...crossCheck(absDir, loaded));
  const trustedCAs = loaded.citizenAuth
    ? await readTrustedCAs(absDir, loaded.citizenAuth, problems)
    : { cns: [], cie: [] };
  if (problems.length > 0) throw new ConfigError(problems);
  const complete = loaded as Required<Loaded>;
  return { dir: absDir, ...complete, citizenAuth: { ...complete.citizenAuth, trustedCAs } };
}

/** Reads each trusted CA certificate; a missing or unreadable one is named by file and key. */
async function readTrustedCAs(
  dir: string,
  settings: CitizenAuthSettings,
  problems: string[],
): Promise<{ cns: string[]; cie: string[] }> {
  const shown = displayPath(path.join(dir, files.citizenAuth.name));
  const read = async (kind: 'cns' | 'cie') =>
    Promise.all(
      settings.trustedCaFiles[kind].map(async (file, i) => {
        const at = ['trustedCaFiles', kind, i];
        try {
          const pem = await readFile(path.resolve(dir, file), 'utf8');
          new X509Certificate(pem);
          return [pem];
        } catch (err) {
          const code = (err as NodeJS.ErrnoException).code;
          problems.push(
            problem(
              shown,
              at,
              code === 'ENOENT' ? `file not found: ${file}` : `not a PEM certificate: ${file}`,
            ),
          );
          return [];
        }
      }),
    ).then((lists) => lists.flat());
  return { cns: await read('cns'), cie: await read('cie') };
}

type FileResult = { ok: true; value: unknown } | { ok: false; problems: string[] };

async function loadFile(dir: string, key: FileKey): Promise<FileResult> {
  const { name, schema } = files[key];
  const file = path.join(dir, name);
  const shown = displayPath(file);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    // An optional file left out: its feature is off.
    const entry = files[key];
    if (code === 'ENOENT' && 'absent' in entry) return { ok: true, value: entry.absent };
    const why =
      code === 'ENOENT' ? 'file not found' : code === 'EISDIR' ? 'is a directory' : (err as Error).message;
    return { ok: false, problems: [`${shown}: cannot read the file: ${why}`] };
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1); // byte-order mark left by some editors
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    return { ok: false, problems: [`${shown}: ${describeJsonError(text, err as Error)}`] };
  }
  const parsed = schema.safeParse(data, { error: issueMessage });
  if (!parsed.success) {
    return {
      ok: false,
      problems: parsed.error.issues.map((issue) => problem(shown, issue.path, issue.message)),
    };
  }
  const unknown = unknownKeys(data, parsed.data, []);
  if (unknown.length > 0) {
    return {
      ok: false,
      problems: unknown.map(({ at, key }) => problem(shown, at, `unknown key "${key}" (a typo?)`)),
    };
  }
  return { ok: true, value: parsed.data };
}

/** Clearer wording than zod's defaults for the commonest mistakes; schema-level messages still win. */
function issueMessage(issue: z.core.$ZodRawIssue): string | undefined {
  if (issue.code === 'invalid_type') {
    const expected = String(issue.expected);
    if (issue.input === undefined) return `missing (expected ${article(expected)})`;
    return `expected ${article(expected)}, got ${describeValue(issue.input)}`;
  }
  if (issue.code === 'unrecognized_keys') {
    const keys = issue.keys.map((k) => `"${k}"`).join(', ');
    return `unknown key${issue.keys.length > 1 ? 's' : ''} ${keys}`;
  }
  return undefined;
}

function article(type: string): string {
  return /^[aeiou]/.test(type) ? `an ${type}` : `a ${type}`;
}

function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'string')
    return `the string ${JSON.stringify(value.length > 40 ? value.slice(0, 40) + '…' : value)}`;
  if (typeof value === 'object') return 'an object';
  return `${typeof value} ${String(value)}`;
}

/**
 * Keys present in the file but dropped by the schema (zod objects strip unknown keys silently),
 * e.g. a misspelt "strongAuthRequred" that would otherwise quietly default to false.
 */
function unknownKeys(input: unknown, output: unknown, at: PathItem[]): { at: PathItem[]; key: string }[] {
  if (Array.isArray(input) && Array.isArray(output)) {
    return input.flatMap((item, i) => unknownKeys(item, output[i], [...at, i]));
  }
  if (isPlainObject(input) && isPlainObject(output)) {
    return Object.keys(input).flatMap((key) =>
      Object.hasOwn(output, key) ? unknownKeys(input[key], output[key], [...at, key]) : [{ at, key }],
    );
  }
  return [];
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function crossCheck(dir: string, c: Loaded): string[] {
  const problems: string[] = [];
  const shown = (key: FileKey) => displayPath(path.join(dir, files[key].name));
  const report = (key: FileKey, at: PathItem[], message: string) =>
    problems.push(problem(shown(key), at, message));

  const idsOf = (key: FileKey, items: { id: string }[] | undefined) => {
    if (items === undefined) return undefined;
    uniqueBy(
      items,
      (item) => item.id,
      (i, first, id) => report(key, [i, 'id'], `duplicate id "${id}" (also at [${first}])`),
    );
    return new Set(items.map((item) => item.id));
  };
  const sectorIds = idsOf('sectors', c.sectors);
  const sedeIds = idsOf('sedi', c.sedi);
  idsOf('stations', c.stations);
  idsOf('services', c.services);
  const officialIds = idsOf('officials', c.officials);

  const mustExist = (
    key: FileKey,
    at: PathItem[],
    what: string,
    id: string | undefined,
    known: Set<string> | undefined,
    knownFile: FileKey,
  ) => {
    if (id === undefined || known === undefined || known.has(id)) return;
    const list = known.size > 0 ? `: ${[...known].join(', ')}` : '';
    report(key, at, `unknown ${what} "${id}" (${files[knownFile].name} has${list || ' none'})`);
  };

  const version = c.server?.privacyNoticeVersion;
  // Every SMS links to this version's notice, and every booking records that the citizen accepted it.
  if (version !== undefined && !Object.hasOwn(privacyNotices, version))
    report(
      'server',
      ['privacyNoticeVersion'],
      `no privacy notice text "${version}" (protocol/src/privacy-notice has: ${Object.keys(privacyNotices).join(', ')})`,
    );

  c.sedi?.forEach((sede, i) => {
    checkHours('sedi', [i, 'publicHours'], sede.publicHours, report);
    checkHours('sedi', [i, 'appointmentHours'], sede.appointmentHours, report);
    sede.closures.forEach((closure, j) => {
      if (closure.from > closure.to)
        report('sedi', [i, 'closures', j, 'to'], `"to" (${closure.to}) is before "from" (${closure.from})`);
    });
    uniqueBy(
      sede.counters,
      (counter) => counter.id,
      (j, first, id) =>
        report('sedi', [i, 'counters', j, 'id'], `duplicate counter id "${id}" (also at counters[${first}])`),
    );
    sede.counters.forEach((counter, j) =>
      counter.sectors.forEach((sector, k) =>
        mustExist('sedi', [i, 'counters', j, 'sectors', k], 'sector', sector, sectorIds, 'sectors'),
      ),
    );
  });

  c.stations?.forEach((station, i) =>
    mustExist('stations', [i, 'sede'], 'sede', station.sede, sedeIds, 'sedi'),
  );

  if (c.services) {
    c.services.forEach((service, i) =>
      mustExist('services', [i, 'sector'], 'sector', service.sector, sectorIds, 'sectors'),
    );
    const withTicket = c.services.flatMap((service, i) =>
      service.channels.ticket ? [{ i, prefix: service.channels.ticket.prefix }] : [],
    );
    for (const { i, prefix } of withTicket) {
      if (prefix === APPOINTMENT_TICKET_PREFIX) {
        report(
          'services',
          [i, 'channels', 'ticket', 'prefix'],
          `ticket prefix "${prefix}" is kept for appointments`,
        );
      }
    }
    uniqueBy(
      withTicket,
      (t) => t.prefix,
      (j, first, prefix) =>
        report(
          'services',
          [withTicket[j]!.i, 'channels', 'ticket', 'prefix'],
          `ticket prefix "${prefix}" is already used by [${withTicket[first]!.i}]`,
        ),
    );
  }

  c.officials?.forEach((official, i) => {
    mustExist('officials', [i, 'sede'], 'sede', official.sede, sedeIds, 'sedi');
    official.sectors.forEach((sector, k) =>
      mustExist('officials', [i, 'sectors', k], 'sector', sector, sectorIds, 'sectors'),
    );
    checkHours('officials', [i, 'availability'], official.availability, report);
  });

  if (c.staff) {
    uniqueBy(
      c.staff,
      (account) => account.username,
      (i, first, username) =>
        report('staff', [i, 'username'], `duplicate username "${username}" (also at [${first}])`),
    );
    c.staff.forEach((account, i) => {
      mustExist('staff', [i, 'sede'], 'sede', account.sede, sedeIds, 'sedi');
      mustExist('staff', [i, 'official'], 'official', account.official, officialIds, 'officials');
      const official = account.official ? c.officials?.find((o) => o.id === account.official) : undefined;
      if (official && account.sede !== undefined && official.sede !== account.sede) {
        report(
          'staff',
          [i, 'sede'],
          `is "${account.sede}" but official "${official.id}" belongs to sede "${official.sede}"`,
        );
      }
    });
  }
  const grouped = new Map<string, string>();
  c.video?.sedeGroups.forEach((group, i) =>
    group.sedi.forEach((sede, j) => {
      mustExist('video', ['sedeGroups', i, 'sedi', j], 'sede', sede, sedeIds, 'sedi');
      const other = grouped.get(sede);
      if (other !== undefined)
        report('video', ['sedeGroups', i, 'sedi', j], `"${sede}" is already in "${other}"`);
      grouped.set(sede, group.id);
    }),
  );
  checkGatewayEnvironment(c.notifications, report);
  checkMetricsToken(c.server, report);
  checkAlertMailEnvironment(c.server, report);
  return problems;
}

/** The alert mail's `${env:NAME}` references (SMTP URL, password) must be set, or no alert would go out. */
function checkAlertMailEnvironment(
  settings: ServerSettings | undefined,
  report: (key: FileKey, at: PathItem[], message: string) => void,
): void {
  const mail = settings?.alerts.mail;
  if (!mail) return;
  const places: [PathItem[], string | undefined][] = [
    [['alerts', 'mail', 'url'], mail.url],
    [['alerts', 'mail', 'auth', 'pass'], mail.auth?.pass],
  ];
  for (const [at, value] of places)
    for (const [, name] of (value ?? '').matchAll(/\$\{env:([A-Za-z_][A-Za-z0-9_]*)\}/g))
      if (!process.env[name!]) report('server', at, `environment variable ${name} is not set`);
}

/** A metrics token read from the environment is as long as one written in the file must be. */
function checkMetricsToken(
  settings: ServerSettings | undefined,
  report: (key: FileKey, at: PathItem[], message: string) => void,
): void {
  const name = ENV_REFERENCE.exec(settings?.metrics.token ?? '')?.[1];
  const value = name === undefined ? undefined : process.env[name];
  // Unset, /metrics is off: the server says so when it starts.
  if (value && value.length < 32)
    report('server', ['metrics', 'token'], `environment variable ${name} holds fewer than 32 characters`);
}

/** The SMS gateway's `${env:NAME}` references must be set, or every send would fail at run time. */
function checkGatewayEnvironment(
  settings: NotificationSettings | undefined,
  report: (key: FileKey, at: PathItem[], message: string) => void,
): void {
  if (settings?.provider !== 'http' || !settings.gateway) return;
  const { url, headers } = settings.gateway;
  const places: [PathItem[], string][] = [
    [['gateway', 'url'], url],
    ...Object.entries(headers).map(([name, value]): [PathItem[], string] => [
      ['gateway', 'headers', name],
      value,
    ]),
  ];
  for (const [at, value] of places)
    for (const [, name] of value.matchAll(/\$\{env:([A-Za-z_][A-Za-z0-9_]*)\}/g))
      if (!process.env[name!]) report('notifications', at, `environment variable ${name} is not set`);
}

/** Ranges within one day must not overlap (the schema already checks each range's from < to). */
function checkHours(
  key: FileKey,
  at: PathItem[],
  hours: WeeklyHours,
  report: (key: FileKey, at: PathItem[], message: string) => void,
): void {
  for (const day of weekdays) {
    const ranges = hours[day] ?? [];
    ranges.forEach((range, j) => {
      const k = ranges.findIndex((other, m) => m < j && range.from < other.to && other.from < range.to);
      if (k >= 0) report(key, [...at, day, j], `${range.from}-${range.to} overlaps ${day}[${k}]`);
    });
  }
}

/** Calls onDuplicate(index, indexOfFirst, value) for every item whose key was seen before. */
function uniqueBy<T>(
  items: T[],
  keyOf: (item: T) => string,
  onDuplicate: (i: number, first: number, key: string) => void,
) {
  const seen = new Map<string, number>();
  items.forEach((item, i) => {
    const key = keyOf(item);
    const first = seen.get(key);
    if (first === undefined) seen.set(key, i);
    else onDuplicate(i, first, key);
  });
}

function problem(file: string, at: readonly PathItem[], message: string): string {
  const where = formatPath(at);
  return where === '' ? `${file}: ${message}` : `${file}: ${where}: ${message}`;
}

/** JS-like path: [1].appointmentHours.mon[0].to */
export function formatPath(at: readonly PathItem[]): string {
  let out = '';
  for (const item of at) {
    if (typeof item === 'number') out += `[${item}]`;
    else if (typeof item === 'string' && /^[A-Za-z_$][\w$]*$/.test(item))
      out += out === '' ? item : `.${item}`;
    else out += `[${JSON.stringify(String(item))}]`;
  }
  return out;
}

/** Relative to the working directory when inside it, absolute otherwise. */
function displayPath(file: string): string {
  const rel = path.relative(process.cwd(), file);
  return rel !== '' && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel : file;
}

function describeJsonError(text: string, err: Error): string {
  // V8's messages differ by error and version; some carry "at position N", some quote the whole input.
  const fromMessage = /at position (\d+)/.exec(err.message);
  const offset = fromMessage ? Number(fromMessage[1]) : findJsonErrorOffset(text);
  let reason = err.message
    .replace(/ in JSON at position \d+.*$/s, '')
    .replace(/, ".*" is not valid JSON$/s, '')
    .trim();
  if (reason === '') reason = 'syntax error';
  if (offset === undefined) return `invalid JSON: ${reason}`;
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  const column = offset - before.lastIndexOf('\n');
  return `invalid JSON at line ${line}, column ${column}: ${reason}`;
}

/**
 * Offset of the first syntax error in `text` (text.length if it ends too early), or undefined if it
 * parses. Used only to place an error when JSON.parse's message does not say where.
 */
export function findJsonErrorOffset(text: string): number | undefined {
  let i = 0;
  class Fail {
    constructor(readonly at: number) {}
  }
  const ws = () => {
    while (i < text.length && ' \t\n\r'.includes(text[i]!)) i++;
  };
  const fail = (): never => {
    throw new Fail(i);
  };
  const literal = (word: string) => {
    for (const ch of word) {
      if (text[i] !== ch) fail();
      i++;
    }
  };
  const string = () => {
    i++; // opening quote
    for (;;) {
      if (i >= text.length) fail();
      const ch = text[i]!;
      if (ch === '"') return void i++;
      if (ch < ' ') fail();
      if (ch === '\\') {
        i++;
        const esc = text[i];
        if (esc === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 1, i + 5))) fail();
          i += 5;
        } else if (esc !== undefined && '"\\/bfnrt'.includes(esc)) i++;
        else fail();
      } else i++;
    }
  };
  const value = (): void => {
    ws();
    const ch = text[i];
    if (ch === '{') {
      i++;
      ws();
      if (text[i] === '}') return void i++;
      for (;;) {
        ws();
        if (text[i] !== '"') fail();
        string();
        ws();
        if (text[i] !== ':') fail();
        i++;
        value();
        ws();
        if (text[i] === ',') i++;
        else if (text[i] === '}') return void i++;
        else fail();
      }
    }
    if (ch === '[') {
      i++;
      ws();
      if (text[i] === ']') return void i++;
      for (;;) {
        value();
        ws();
        if (text[i] === ',') i++;
        else if (text[i] === ']') return void i++;
        else fail();
      }
    }
    if (ch === '"') return string();
    if (ch === 't') return literal('true');
    if (ch === 'f') return literal('false');
    if (ch === 'n') return literal('null');
    const number = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(i, i + 400));
    if (number === null) fail();
    i += number![0].length;
  };
  try {
    value();
    ws();
    if (i < text.length) fail();
    return undefined;
  } catch (err) {
    if (err instanceof Fail) return err.at;
    throw err;
  }
}
