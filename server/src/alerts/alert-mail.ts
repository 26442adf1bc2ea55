// The alert e-mails in plain Italian: one alert raised or cleared ("Ripristinato"), or a digest of several
// when the rate limit holds them back. Each names the station, its sede and comune, what is wrong, since
// when, and links to the station in the console.
import type { Station } from '@sportello/protocol';
import type { StationAlert } from '../store/store.ts';

export type MailEvent = 'raised' | 'cleared';

/** One alert in a mail, with what the mail tells of it (a digest may tell both raise and clearance). */
export interface MailItem {
  alert: StationAlert;
  events: MailEvent[];
}

export interface MailContext {
  /** The station as the registry has it now; undefined once it was removed. */
  station(id: string): Station | undefined;
  sedeName(id: string): string | undefined;
  /** The console's page of a station, an absolute URL. */
  stationLink(id: string): string;
}

export interface RenderedMail {
  subject: string;
  text: string;
}

const DETAILS: Record<string, string> = {
  'printer: cover-open': 'la stampante ha il coperchio aperto',
  'printer: offline': 'la stampante non risponde (spenta o scollegata)',
  'printer: absent': 'la stampante non è collegata',
  'reader: error': 'il lettore di carte è in errore',
  'reader: no-driver': 'il lettore di carte non ha il driver (servizio pcscd)',
  'reader: absent': 'il lettore di carte non è collegato',
  'scanner: error': 'il lettore di codici a barre è in errore',
  'scanner: absent': 'il lettore di codici a barre non è collegato',
  'camera: absent': 'la telecamera non è collegata',
  'camera: denied': 'il chiosco non ha il permesso di usare la telecamera',
  'camera: error': 'la telecamera è in errore',
};

/** What is wrong, as a sentence part: "la stampante è senza carta". */
export function problemText(alert: Pick<StationAlert, 'kind' | 'detail'>): string {
  if (alert.kind === 'offline') return 'la stazione non è raggiungibile (nessun segnale dal server)';
  if (alert.kind === 'paper-out') return 'la stampante è senza carta';
  return DETAILS[alert.detail ?? ''] ?? `problema a un dispositivo (${alert.detail ?? 'non precisato'})`;
}

/** Short, for a subject line. */
function problemTitle(alert: Pick<StationAlert, 'kind' | 'detail'>): string {
  if (alert.kind === 'offline') return 'non raggiungibile';
  if (alert.kind === 'paper-out') return 'stampante senza carta';
  const text = problemText(alert);
  return text.replace(/^(la|il|lo|l’) /, '');
}

const day = new Intl.DateTimeFormat('it-IT', {
  timeZone: 'Europe/Rome',
  weekday: 'long',
  day: 'numeric',
  month: 'long',
  year: 'numeric',
});
const time = new Intl.DateTimeFormat('it-IT', {
  timeZone: 'Europe/Rome',
  hour: '2-digit',
  minute: '2-digit',
});

/** "lunedì 30 novembre 2026 alle 09:05" (Rome time). */
export function romeTime(iso: string): string {
  const date = new Date(iso);
  return `${day.format(date)} alle ${time.format(date)}`;
}

function duration(fromIso: string, toIso: string): string {
  const minutes = Math.max(0, Math.round((Date.parse(toIso) - Date.parse(fromIso)) / 60_000));
  if (minutes < 1) return 'meno di un minuto';
  if (minutes < 60) return minutes === 1 ? '1 minuto' : `${minutes} minuti`;
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  const h = hours === 1 ? '1 ora' : `${hours} ore`;
  return rest === 0 ? h : `${h} e ${rest === 1 ? '1 minuto' : `${rest} minuti`}`;
}

function stationName(item: MailItem, ctx: MailContext): string {
  return ctx.station(item.alert.station)?.name ?? item.alert.station;
}

/** The lines describing one alert: where, what, since when, and the link. */
function describe(item: MailItem, ctx: MailContext): string[] {
  const { alert } = item;
  const station = ctx.station(alert.station);
  const since = alert.since ?? alert.raisedAt;
  const lines = [
    `Stazione: ${station?.name ?? alert.station} (${alert.station})`,
    ...(station
      ? [
          `Sede: ${ctx.sedeName(station.sede) ?? station.sede}`,
          `Comune: ${station.comune ?? 'non indicato'}`,
          `Indirizzo: ${station.address}`,
        ]
      : ['La stazione non è più nell’elenco delle stazioni.']),
    `Problema: ${problemText(alert)}`,
    alert.kind === 'offline' ? `Ultimo segnale: ${romeTime(since)}` : `Dal: ${romeTime(since)}`,
  ];
  if (item.events.includes('cleared') && alert.clearedAt)
    lines.push(`Ripristinato: ${romeTime(alert.clearedAt)} (durata ${duration(since, alert.clearedAt)})`);
  lines.push(`Apri la stazione nella console: ${ctx.stationLink(alert.station)}`);
  return lines;
}

const FOOTER = [
  '',
  '--',
  'Messaggio automatico di Sportello INPS per i tecnici delle stazioni. Non rispondere a questo indirizzo.',
];

export function renderMail(items: MailItem[], ctx: MailContext): RenderedMail {
  if (items.length === 1) return renderOne(items[0]!, ctx);
  const raised = items.filter((i) => i.events.includes('raised') && !i.events.includes('cleared'));
  const over = items.filter((i) => i.events.includes('cleared'));
  const counts = [
    raised.length > 0 && `${raised.length} ${raised.length === 1 ? 'nuovo' : 'nuovi'}`,
    over.length > 0 && `${over.length} ${over.length === 1 ? 'ripristinato' : 'ripristinati'}`,
  ].filter(Boolean);
  const section = (title: string, list: MailItem[]) =>
    list.length === 0
      ? []
      : ['', title, ...list.flatMap((item, n) => ['', `${n + 1}.`, ...describe(item, ctx)])];
  return {
    subject: `[Sportello] Riepilogo avvisi: ${counts.join(', ')}`,
    text: [
      'Riepilogo degli avvisi delle stazioni Sportello.',
      'Sono arrivati molti avvisi in poco tempo: per non riempire la casella li riuniamo in un solo messaggio.',
      ...section('Problemi ancora aperti:', raised),
      ...section('Problemi risolti:', over),
      ...FOOTER,
    ].join('\n'),
  };
}

function renderOne(item: MailItem, ctx: MailContext): RenderedMail {
  const name = stationName(item, ctx);
  const title = problemTitle(item.alert);
  if (item.events.includes('cleared')) {
    const also = item.events.includes('raised')
      ? 'Il problema è comparso e si è risolto da sé prima che potessimo avvisarti.'
      : 'Il problema segnalato si è risolto da sé: non serve intervenire.';
    return {
      subject: `[Sportello] Ripristinato: ${name} – ${title}`,
      text: ['Ripristinato.', also, '', ...describe(item, ctx), ...FOOTER].join('\n'),
    };
  }
  return {
    subject: `[Sportello] Avviso: ${name} – ${title}`,
    text: [
      'Una stazione Sportello ha un problema che richiede un intervento.',
      '',
      ...describe(item, ctx),
      '',
      'Quando il problema si risolve riceverai un messaggio di ripristino.',
      ...FOOTER,
    ].join('\n'),
  };
}
