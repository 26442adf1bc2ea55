// The office floor through its API, as the people on it use it: a kiosk issues a ticket, a counter clerk
// opens a counter and calls tickets, a technician registers a display board.
import type { Language } from '@sportello/protocol';
import type { TestServer } from '../../../server/src/testing/test-server.ts';

async function expectCall(server: TestServer, method: string, path: string, token: string, body?: unknown) {
  const result = await server.call(method, path, { token, body });
  if (result.status >= 300)
    throw new Error(`${method} ${path}: ${result.status} ${JSON.stringify(result.body)}`);
  return result.body;
}

/** A ticket issued by Rovigo's reception kiosk, as the citizen took it. */
export async function issueTicket(
  server: TestServer,
  ticket: { service: string; language?: Language; codiceFiscale?: string },
): Promise<{ id: string; number: string }> {
  const station = await server.stationToken('rovigo-accoglienza');
  const body = await expectCall(server, 'POST', '/api/v1/tickets', station, { sede: 'rovigo', ...ticket });
  return body.ticket;
}

/** A display board registered by the technician: its id and the page to open (path and query, key included). */
export async function registerBoard(
  server: TestServer,
  sede = 'rovigo',
): Promise<{ id: string; page: string }> {
  const technician = await server.login('tecnico');
  const body = await expectCall(server, 'POST', '/api/v1/boards', technician, {
    sede,
    name: 'Sala d’attesa',
  });
  const url = new URL(body.url);
  return { id: body.board.id, page: url.pathname + url.search };
}

export async function removeBoard(server: TestServer, id: string): Promise<void> {
  await expectCall(server, 'DELETE', `/api/v1/boards/${id}`, await server.login('tecnico'));
}

/** A Rovigo counter worked through the counter API by a clerk (sportello2.rovigo for a second counter). */
export class CounterDesk {
  private constructor(
    private readonly server: TestServer,
    private readonly token: string,
    private readonly path: string,
  ) {}

  static async open(server: TestServer, counter: string, clerk = 'sportello.rovigo'): Promise<CounterDesk> {
    const desk = new CounterDesk(server, await server.login(clerk), `/api/v1/counters/rovigo/${counter}`);
    await desk.post('/status', { status: 'open' });
    return desk;
  }

  /** The ticket called. */
  async callNext(): Promise<{ id: string; number: string }> {
    const view = await this.post('/call-next');
    return view.current.ticket;
  }

  recall(id: string) {
    return this.post(`/tickets/${id}/recall`);
  }

  /** Serves the ticket and closes it. */
  async finish(id: string): Promise<void> {
    await this.post(`/tickets/${id}/start`);
    await this.post(`/tickets/${id}/done`, {});
  }

  private post(action: string, body?: unknown) {
    return expectCall(this.server, 'POST', this.path + action, this.token, body);
  }
}
