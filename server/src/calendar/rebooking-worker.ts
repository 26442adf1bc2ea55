// Runs the rebooking of displaced bookings in the background: at start (a server stopped half-way finishes
// what its predecessor left), when a change is added, and every little while (another instance's changes).
import type { AppContext } from '../context.ts';
import { changesToHandle, handleNext } from './rebooking.ts';

/** Between looks at the store when nothing woke the worker. */
const POLL_MS = 30_000;
/** After an unexpected failure, before the next try. */
const ERROR_PAUSE_MS = 5_000;

export interface RebookingWorker {
  /** A change was just added: handle its bookings now. */
  wake(): void;
  /** Resolves once the booking in hand is handled; the rest waits for the next start. */
  stop(): Promise<void>;
}

const workers = new WeakMap<AppContext, RebookingWorker>();

/** The running worker of this server, if its background jobs run. */
export const rebookingWorker = (ctx: AppContext): RebookingWorker | undefined => workers.get(ctx);

export function startRebookingWorker(ctx: AppContext): RebookingWorker {
  let stopping = false;
  let again = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let running: Promise<void> | undefined;

  const schedule = (ms: number) => {
    clearTimeout(timer);
    if (!stopping) timer = setTimeout(kick, ms).unref();
  };

  async function drain(): Promise<void> {
    do {
      again = false;
      for (const id of await changesToHandle(ctx)) {
        while (!stopping && (await handleNext(ctx, id))) {
          // One booking per transaction; the next one after other work had its turn.
          await new Promise<void>((resolve) => setImmediate(resolve));
        }
        if (stopping) return;
      }
    } while (again && !stopping);
  }

  function kick(): void {
    if (stopping) return;
    if (running) {
      again = true;
      return;
    }
    running = drain()
      .then(
        () => schedule(POLL_MS),
        (error: unknown) => {
          ctx.log.error({ err: error }, 'calendar: rebooking displaced bookings failed; trying again');
          schedule(ERROR_PAUSE_MS);
        },
      )
      .finally(() => (running = undefined));
  }

  const worker: RebookingWorker = {
    wake: kick,
    async stop() {
      stopping = true;
      clearTimeout(timer);
      await running;
      workers.delete(ctx);
    },
  };
  workers.set(ctx, worker);
  kick();
  return worker;
}
