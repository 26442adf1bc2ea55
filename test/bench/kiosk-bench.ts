// Bench rows for the kiosk page and the web-meeting page: the JavaScript they ship (gzip), what loads before
// the first screen, the most one kiosk session can load and all of it; and how long a kiosk tap takes to show
// the next screen in Debian's Chromium slowed 4× (CDP CPU throttling), median and worst for each step over
// whole ticket flows through the real agent and server with simulated devices; each figure beside its goal
// (issue 15).
import { execFileSync } from 'node:child_process';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import { chromium, type Page } from '@playwright/test';
import { languages } from '@sportello/protocol/languages';
import playwrightConfig from '../../playwright.config.ts';
import { startKioskSystem } from '../e2e/support/kiosk-system.ts';
import { valueTable, type BenchRow } from './bench-support.ts';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const KIOSK = path.resolve(HERE, '../../kiosk');
const MEETING = path.resolve(HERE, '../../meeting');
/**
 * The goals: under 100 KiB of script (gzip) before the first screen and in all one session can load, every tap
 * under 100 ms.
 */
const SCRIPT_GOAL_KIB = 100;
const TAP_GOAL_MS = 100;
const CPU_SLOWDOWN = 4;
const FLOWS = 3;
/** The sede gives queue tickets on a Monday morning: the server's clock and the page's wall clock. */
const MONDAY_MORNING = '2026-11-30T09:00:00+01:00';

export interface KioskBench {
  rows: BenchRow[];
  notes: string[];
}

interface Scripts {
  bytes: number;
  files: number;
}

interface ScriptSize {
  /** The page's module script and the modules it preloads: what runs before its first screen. */
  start: Scripts;
  /**
   * The most one session can load: every script but the languages' catalogues, and the largest of those (a
   * session is in one language; Italian, the source, has none). Named: that language and the other lazy chunks.
   */
  session: Scripts & { language: string | undefined; lazy: string[] };
  /** Every script in dist/assets: each language's catalogue, the WebRTC shims, and the rest. */
  all: Scripts;
}

/** A language's catalogue as Vite names it: `fr-<hash>.js`. */
const catalogue = new RegExp(`^(${languages.filter((l) => l !== 'it').join('|')})-[\\w-]+\\.js$`);

/** Builds an app as it ships and gzips its scripts: those `page` loads at start, those one session can, all. */
async function scriptSize(app: string, page: string): Promise<ScriptSize> {
  execFileSync('npx', ['vite', 'build', '--logLevel', 'error'], {
    cwd: app,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const dist = path.join(app, 'dist');
  const gzipped = async (name: string) =>
    gzipSync(await readFile(path.join(dist, 'assets', name)), { level: 9 }).length;
  const html = await readFile(path.join(dist, page), 'utf8');
  const atStart = [
    ...html.matchAll(
      /<(?:script type="module"|link rel="modulepreload")[^>]*(?:src|href)="[^"]*assets\/([^"]+\.js)"/g,
    ),
  ].map((match) => match[1]!);
  const scripts = (await readdir(path.join(dist, 'assets'))).filter((name) => name.endsWith('.js'));
  const sizes = new Map(await Promise.all(scripts.map(async (name) => [name, await gzipped(name)] as const)));
  const sum = (names: string[]): Scripts => ({
    bytes: names.reduce((total, name) => total + sizes.get(name)!, 0),
    files: names.length,
  });
  const catalogues = scripts.filter((name) => catalogue.test(name));
  const largest = catalogues.sort((a, b) => sizes.get(b)! - sizes.get(a)!)[0];
  const lazy = scripts.filter((name) => !atStart.includes(name) && !catalogues.includes(name));
  const session = [...new Set([...atStart, ...lazy, ...(largest ? [largest] : [])])];
  return {
    start: sum(atStart),
    session: {
      ...sum(session),
      language: largest?.match(catalogue)?.[1],
      lazy: lazy.map((name) => name.replace(/-[\w-]{8}\.js$/, '')),
    },
    all: sum(scripts),
  };
}

/**
 * Before the page loads: its wall clock moved to the Monday morning (Date only: timers, animation frames and
 * performance.now stay real, as they must for timing), and the moment each card-read event arrives noted.
 */
async function preparePage(page: Page): Promise<void> {
  // tsx keeps function names through an __name helper, which the functions sent to the page would lack.
  await page.addInitScript('globalThis.__name = (target) => target;');
  await page.addInitScript((mondayMorning) => {
    const RealDate = Date;
    const offset = RealDate.parse(mondayMorning) - RealDate.now();
    class ShiftedDate extends RealDate {
      constructor(...args: unknown[]) {
        if (args.length === 0) super(RealDate.now() + offset);
        else super(...(args as [number])); // every form Date takes, passed on as given
      }
      static override now() {
        return RealDate.now() + offset;
      }
    }
    globalThis.Date = ShiftedDate as DateConstructor;
    const RealSocket = WebSocket;
    globalThis.WebSocket = class extends RealSocket {
      constructor(...args: ConstructorParameters<typeof WebSocket>) {
        super(...args);
        // Listeners added here run before the page's own onmessage.
        this.addEventListener('message', (message) => {
          if (String(message.data).includes('"card-read"'))
            (window as unknown as { __cardRead?: () => void }).__cardRead?.();
        });
      }
    };
  }, MONDAY_MORNING);
}

/**
 * Arms the page to time the next screen: from the next tap (pointerdown) or card read to the frame that first
 * shows a different main heading (polled each animation frame; a message posted after that frame marks its paint),
 * or, given `until`, that heading. The time is kept in the page under `key`.
 */
function armTimer(page: Page, start: 'tap' | 'card', key = '__nextScreen', until?: string): Promise<void> {
  return page.evaluate(
    ([start, key, until]) => {
      const title = () =>
        document
          .querySelector('kiosk-app')
          ?.shadowRoot?.querySelector('main > *')
          ?.shadowRoot?.querySelector('h1')
          ?.textContent?.trim() ?? '';
      const before = title();
      const w = window as unknown as { __cardRead?: () => void } & Record<string, Promise<number>>;
      w[key] = new Promise((resolve) => {
        const begin = () => {
          const t0 = performance.now();
          const poll = () => {
            if (title() && title() !== before && (!until || title() === until)) {
              const channel = new MessageChannel();
              channel.port1.onmessage = () => resolve(performance.now() - t0);
              requestAnimationFrame(() => channel.port2.postMessage(null));
            } else requestAnimationFrame(poll);
          };
          requestAnimationFrame(poll);
        };
        if (start === 'tap') addEventListener('pointerdown', begin, { capture: true, once: true });
        else
          w.__cardRead = () => {
            w.__cardRead = undefined;
            begin();
          };
      });
    },
    [start, key, until] as const,
  );
}

const nextScreen = (page: Page, key = '__nextScreen') =>
  page.evaluate((key) => (window as unknown as Record<string, Promise<number>>)[key]!, key);

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

export async function kioskBench(): Promise<KioskBench> {
  const kioskSize = await scriptSize(KIOSK, 'index.html');
  const meetingSize = await scriptSize(MEETING, 'index.html');
  const system = await startKioskSystem({ now: MONDAY_MORNING });
  const browser = await chromium.launch(playwrightConfig.use?.launchOptions);
  const steps = new Map<string, number[]>();
  /** The server's part of the ticket step: from the tap to the number on screen. */
  const issued: number[] = [];
  try {
    const page = await browser.newPage({ viewport: { width: 1080, height: 1920 } });
    await preparePage(page);
    await page.goto(system.url);
    await page.getByRole('button', { name: 'Tocca per iniziare' }).first().waitFor();
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: CPU_SLOWDOWN });
    // A station shows its welcome screen long before the first citizen taps it: the page's idle-time warm-up
    // (main.ts) has run by then. Later flows start right after the previous citizen's «Ho finito».
    await page.evaluate(
      () =>
        new Promise<void>((resolve) =>
          requestIdleCallback(() => setTimeout(resolve, 1000), { timeout: 5000 }),
        ),
    );

    const step = async (name: string, act: () => Promise<unknown>, start: 'tap' | 'card' = 'tap') => {
      await armTimer(page, start);
      await act();
      steps.set(name, [...(steps.get(name) ?? []), await nextScreen(page)]);
    };
    const tap = (name: string) => page.getByRole('button', { name }).first().click();
    for (let flow = 0; flow < FLOWS; flow++) {
      await step('welcome → identify', () => tap('Tocca per iniziare'));
      await step('card → services', () => system.simulate('card', { action: 'insert', card: 'cns' }), 'card');
      await step('services → topic', () => tap('Disoccupazione e NASpI'));
      await step('topic → channel', () => tap('NASpI e disoccupazione: informazioni'));
      await step('channel → ticket priority', () => tap('Prendi il numero'));
      await armTimer(page, 'tap', '__issued', 'Ecco il tuo numero');
      await step('ticket priority → ticket', () => tap('No, non ho diritto alla precedenza'));
      issued.push(await nextScreen(page, '__issued'));
      await tap('Ho finito');
      await system.simulate('card', { action: 'remove' });
      await page.getByRole('button', { name: 'Tocca per iniziare' }).first().waitFor();
    }
  } finally {
    await browser.close();
    await system.stop();
  }

  const all = [...steps.values()].flat();
  const kib = (bytes: number) => bytes / 1024;
  const tapGoal = `goal < ${TAP_GOAL_MS}`;
  return {
    rows: [
      {
        name: `kiosk JS at start, gzip (${kioskSize.start.files} files; goal < ${SCRIPT_GOAL_KIB})`,
        value: kib(kioskSize.start.bytes),
        unit: 'KiB',
      },
      {
        name:
          `one kiosk session at most, JS gzip (start + ${kioskSize.session.language ?? 'no'} language file` +
          `${kioskSize.session.lazy.map((name) => ` + ${name}`).join('')}; goal < ${SCRIPT_GOAL_KIB})`,
        value: kib(kioskSize.session.bytes),
        unit: 'KiB',
      },
      {
        name: `kiosk JS, all built, gzip (${kioskSize.all.files} files: every language’s, a session loads one)`,
        value: kib(kioskSize.all.bytes),
        unit: 'KiB',
      },
      {
        name: `meeting page JS at start, gzip (${meetingSize.start.files} files; goal < ${SCRIPT_GOAL_KIB})`,
        value: kib(meetingSize.start.bytes),
        unit: 'KiB',
      },
      {
        name: `meeting and phone pages JS, all, gzip (${meetingSize.all.files} files)`,
        value: kib(meetingSize.all.bytes),
        unit: 'KiB',
      },
      {
        name: `tap → next screen, ${CPU_SLOWDOWN}× CPU, median (${tapGoal})`,
        value: median(all),
        unit: 'ms',
      },
      {
        name: `tap → next screen, ${CPU_SLOWDOWN}× CPU, worst (${tapGoal})`,
        value: Math.max(...all),
        unit: 'ms',
      },
      ...[...steps].flatMap(([name, ms]) => [
        { name: `  ${name}, median (${tapGoal})`, value: median(ms), unit: 'ms' },
        { name: `  ${name}, worst (${tapGoal})`, value: Math.max(...ms), unit: 'ms' },
      ]),
      {
        name: 'ticket priority tap → number on screen (server issues it), median',
        value: median(issued),
        unit: 'ms',
      },
      {
        name: 'ticket priority tap → number on screen (server issues it), worst',
        value: Math.max(...issued),
        unit: 'ms',
      },
    ],
    notes: [
      `${FLOWS} ticket flows of ${steps.size} screens each, portrait; the card step is timed from the card-read ` +
        'event reaching the page; the ticket step ends when the ticket shows, still waiting for its number ' +
        '(«Sto preparando il tuo numero…»); the number’s arrival is timed on its own row; the first flow starts ' +
        'after the welcome screen has sat idle for a second, as a station’s does (a tap in the very first ' +
        'moments after the page loads, before its warm-up, took 130 ms)',
      'JS at start: the page’s module script and what it preloads, in Italian (another language adds its ' +
        'catalogue); one session at most: start, the largest language catalogue and every other chunk loaded ' +
        'on demand (webrtc-adapter for a video call); all: every script built, loaded or not',
    ],
  };
}

export function kioskTable({ rows, notes }: KioskBench): string {
  return valueTable('kiosk', rows, { notes });
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href)
  console.log(kioskTable(await kioskBench()));
