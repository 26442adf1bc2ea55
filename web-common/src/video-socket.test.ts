// How the /ws client takes the server's closing codes: a newer console (4000) or a session an admin ended
// (4001, with why) close it for good and say so; any other close reconnects.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { VideoSocket, type ClosedWhy, type Connection } from './video-socket.ts';

class FakeWebSocket {
  static readonly OPEN = 1;
  static opened: FakeWebSocket[] = [];
  readyState = 0;
  private readonly listeners = new Map<string, ((event: unknown) => void)[]>();
  constructor(readonly url: string) {
    FakeWebSocket.opened.push(this);
  }
  addEventListener(type: string, fn: (event: unknown) => void) {
    this.listeners.set(type, [...(this.listeners.get(type) ?? []), fn]);
  }
  close() {}
  send() {}
  /** The server closes the socket. */
  serverCloses(code: number, reason = '') {
    this.readyState = 3;
    for (const fn of this.listeners.get('close') ?? []) fn({ code, reason });
  }
}

beforeEach(() => {
  vi.useFakeTimers();
  FakeWebSocket.opened = [];
  vi.stubGlobal('WebSocket', FakeWebSocket);
});
afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

function watch(socket: VideoSocket): [Connection, ClosedWhy | undefined][] {
  const told: [Connection, ClosedWhy | undefined][] = [];
  socket.onConnection((connection, why) => told.push([connection, why]));
  return told;
}

describe('VideoSocket closing codes', () => {
  it.each([
    [4000, '', 'replaced'],
    [4001, 'account-disabled', 'account-disabled'],
    [4001, 'session-ended', 'session-ended'],
  ] as const)('closes for good on %i %s, telling %s', (code, reason, why) => {
    const socket = new VideoSocket('ws://x/ws');
    const told = watch(socket);
    FakeWebSocket.opened[0]!.serverCloses(code, reason);
    expect(told).toEqual([['closed', why]]);
    vi.advanceTimersByTime(60_000);
    expect(FakeWebSocket.opened).toHaveLength(1);
  });

  it('reconnects after any other close', () => {
    const socket = new VideoSocket('ws://x/ws');
    const told = watch(socket);
    FakeWebSocket.opened[0]!.serverCloses(1006);
    expect(told).toEqual([['connecting', undefined]]);
    vi.advanceTimersByTime(500);
    expect(FakeWebSocket.opened).toHaveLength(2);
    socket.close();
  });
});
