import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { openEventStream, type StreamState } from './event-stream.ts';

/** A server's answer whose body the test writes line by line, and ends or breaks when it likes. */
function serverStream(status = 200) {
  const encoder = new TextEncoder();
  let controller!: ReadableStreamDefaultController<Uint8Array>;
  const body = new ReadableStream<Uint8Array>({
    start(c) {
      controller = c;
    },
  });
  return {
    response: new Response(status === 200 ? body : JSON.stringify({ error: { code: 'x' } }), { status }),
    write: (text: string) => controller.enqueue(encoder.encode(text)),
    end: () => controller.close(),
  };
}

function recorder() {
  const events: [string, unknown][] = [];
  const states: (StreamState | `refused ${number}`)[] = [];
  return {
    events,
    states,
    onEvent: (event: string, data: unknown) => events.push([event, data]),
    onState: (state: StreamState, status?: number) =>
      states.push(state === 'refused' ? `refused ${status ?? 0}` : state),
  };
}

describe('openEventStream', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('delivers named events with their JSON data, also when split across chunks', async () => {
    const server = serverStream();
    const seen = recorder();
    const stream = openEventStream('/events', { ...seen, fetch: async () => server.response });
    await vi.advanceTimersByTimeAsync(0);
    server.write('retry: 2000\n\nevent: board\ndata: {"a":');
    server.write('1}\n\n: keep-alive\n\nevent: call\ndata: {"b":2}\n\n');
    await vi.advanceTimersByTimeAsync(0);
    expect(seen.states).toEqual(['connecting', 'open']);
    expect(seen.events).toEqual([
      ['board', { a: 1 }],
      ['call', { b: 2 }],
    ]);
    stream.close();
  });

  it('keeps a quiet stream open while keep-alive comments come, and drops a silent one to try again', async () => {
    const first = serverStream();
    const second = serverStream();
    const answers = [first, second];
    const fetch = vi.fn(async () => answers.shift()!.response);
    const seen = recorder();
    const stream = openEventStream('/events', { ...seen, fetch, silenceMs: 40_000 });
    await vi.advanceTimersByTimeAsync(0);
    for (let i = 0; i < 4; i++) {
      await vi.advanceTimersByTimeAsync(15_000);
      first.write(': keep-alive\n\n');
    }
    expect(seen.states).toEqual(['connecting', 'open']);
    await vi.advanceTimersByTimeAsync(40_000);
    expect(seen.states).toEqual(['connecting', 'open', 'down']);
    await vi.advanceTimersByTimeAsync(2_000);
    expect(fetch).toHaveBeenCalledTimes(2);
    expect(seen.states).toEqual(['connecting', 'open', 'down', 'open']);
    stream.close();
  });

  it('tries again after a refused connection or an ended stream, waiting longer each time up to the cap', async () => {
    const fetch = vi.fn(async (): Promise<Response> => {
      throw new TypeError('Failed to fetch');
    });
    const seen = recorder();
    const stream = openEventStream('/events', { ...seen, fetch, maxRetryMs: 5_000 });
    await vi.advanceTimersByTimeAsync(0);
    expect(fetch).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(2_000);
    expect(fetch).toHaveBeenCalledTimes(2);
    await vi.advanceTimersByTimeAsync(3_999);
    expect(fetch).toHaveBeenCalledTimes(2);
    await vi.advanceTimersByTimeAsync(1);
    expect(fetch).toHaveBeenCalledTimes(3);
    await vi.advanceTimersByTimeAsync(5_000);
    expect(fetch).toHaveBeenCalledTimes(4);

    const server = serverStream();
    fetch.mockImplementationOnce(async () => server.response);
    await vi.advanceTimersByTimeAsync(5_000);
    expect(seen.states.at(-1)).toBe('open');
    server.end();
    await vi.advanceTimersByTimeAsync(0);
    expect(seen.states.at(-1)).toBe('down');
    // A stream that opened resets the wait to the server's retry.
    await vi.advanceTimersByTimeAsync(2_000);
    expect(fetch).toHaveBeenCalledTimes(6);
    stream.close();
  });

  it('stops for good when the server refuses the stream (the key was revoked)', async () => {
    const fetch = vi.fn(async () => serverStream(401).response);
    const seen = recorder();
    openEventStream('/events', { ...seen, fetch });
    await vi.advanceTimersByTimeAsync(60_000);
    expect(fetch).toHaveBeenCalledTimes(1);
    expect(seen.states).toEqual(['connecting', 'refused 401']);
  });

  it('tries again after a server error (a restart behind a proxy answers 502)', async () => {
    const fetch = vi.fn(async () => serverStream(502).response);
    const seen = recorder();
    const stream = openEventStream('/events', { ...seen, fetch });
    await vi.advanceTimersByTimeAsync(0);
    expect(seen.states).toEqual(['connecting', 'down']);
    await vi.advanceTimersByTimeAsync(2_000);
    expect(fetch).toHaveBeenCalledTimes(2);
    stream.close();
  });

  it('close() ends the stream and every further try', async () => {
    const server = serverStream();
    const fetch = vi.fn(async () => server.response);
    const seen = recorder();
    const stream = openEventStream('/events', { ...seen, fetch });
    await vi.advanceTimersByTimeAsync(0);
    stream.close();
    await vi.advanceTimersByTimeAsync(60_000);
    expect(fetch).toHaveBeenCalledTimes(1);
    expect(seen.states).toEqual(['connecting', 'open']);
  });
});
