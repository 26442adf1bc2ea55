// What the agent and its kiosk page say to each other beside the device events, on the same loopback
// /agent/ws: the page tells whether a citizen is using it (a remote self-test waits for that to end), the
// agent hands it pushed settings and asks it to check its camera (only the page can call getUserMedia).
import { randomUUID } from 'node:crypto';
import { AgentToKiosk, KioskToAgent, type DeviceHealth, type StationSettings } from '@sportello/protocol';
import type { Logger } from 'pino';
import { WebSocket, type WebSocketServer } from 'ws';

/** The camera's state as the page found it, or why there was no page to ask. */
export type CameraCheck = DeviceHealth['camera']['page'] | 'no-kiosk-page' | 'no-answer';

const CAMERA_CHECK_MS = 10_000;

export class KioskLink {
  /** Each open page and whether a citizen is using it; a page that closed takes its session with it. */
  private readonly pages = new Map<WebSocket, { active: boolean }>();
  private readonly idleWaiters = new Set<() => void>();
  private readonly cameraAnswers = new Map<string, (state: CameraCheck) => void>();
  private settings: StationSettings | undefined;

  constructor(
    wss: WebSocketServer,
    private readonly log: Logger,
  ) {
    wss.on('connection', (socket: WebSocket) => {
      this.pages.set(socket, { active: false });
      if (this.settings) this.sendTo(socket, { type: 'settings', settings: this.settings });
      socket.on('message', (data) => this.onMessage(socket, String(data)));
      socket.on('close', () => {
        this.pages.delete(socket);
        this.wakeIfIdle();
      });
    });
  }

  /** No page is serving a citizen (also true when no page is open: nobody can be using it). */
  get idle(): boolean {
    return [...this.pages.values()].every((page) => !page.active);
  }

  /** The settings last pushed by the server, as the pages got them. */
  get currentSettings(): StationSettings | undefined {
    return this.settings;
  }

  /** Resolves once the kiosk is idle (at once when it is). */
  whenIdle(): Promise<void> {
    if (this.idle) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.add(resolve));
  }

  /** Hands the settings to every open page now, and to every page that opens later. */
  applySettings(settings: StationSettings): void {
    this.settings = settings;
    for (const socket of this.pages.keys()) this.sendTo(socket, { type: 'settings', settings });
  }

  /** Asks an open page to check the camera; answers what it found, or why it could not ask. */
  checkCamera(timeoutMs = CAMERA_CHECK_MS): Promise<CameraCheck> {
    const page = [...this.pages.keys()].find((socket) => socket.readyState === WebSocket.OPEN);
    if (!page) return Promise.resolve('no-kiosk-page');
    const id = randomUUID();
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.cameraAnswers.delete(id);
        resolve('no-answer');
      }, timeoutMs);
      this.cameraAnswers.set(id, (state) => {
        clearTimeout(timer);
        this.cameraAnswers.delete(id);
        resolve(state);
      });
      this.sendTo(page, { type: 'camera-check', id });
    });
  }

  private onMessage(socket: WebSocket, text: string): void {
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      json = undefined;
    }
    const parsed = KioskToAgent.safeParse(json);
    if (!parsed.success) {
      this.log.warn('kiosk page sent a message the agent does not know');
      return;
    }
    const message = parsed.data;
    if (message.type === 'session') {
      const page = this.pages.get(socket);
      if (page) page.active = message.active;
      this.wakeIfIdle();
    } else {
      this.cameraAnswers.get(message.id)?.(message.state);
    }
  }

  private wakeIfIdle(): void {
    if (!this.idle) return;
    const waiters = [...this.idleWaiters];
    this.idleWaiters.clear();
    for (const wake of waiters) wake();
  }

  private sendTo(socket: WebSocket, message: AgentToKiosk): void {
    if (socket.readyState === WebSocket.OPEN) socket.send(JSON.stringify(message));
  }
}
