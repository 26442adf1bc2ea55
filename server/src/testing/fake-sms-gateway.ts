// An SMS gateway on loopback for tests and the bench: records every request it receives and answers
// as told (status, delay, body), by default 200 {"result":"OK","order_id":…}.
import { randomUUID } from 'node:crypto';
import http, { type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface GatewayRequest {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  body: string;
  /** The body parsed, when it is JSON. */
  json?: any; // eslint-disable-line @typescript-eslint/no-explicit-any -- tests read it freely
  /** The Idempotency-Key header: the outbox message id. */
  key?: string;
  receivedAt: number;
  /** The status answered, once answered. */
  answered?: number;
}

export interface GatewayAnswer {
  status?: number;
  /** Answer after this many milliseconds (longer than the client's time-out: a time-out). */
  delayMs?: number;
  body?: unknown;
}

export class FakeSmsGateway {
  readonly requests: GatewayRequest[] = [];
  /** Decides each answer; tests replace it. */
  respond: (request: GatewayRequest) => GatewayAnswer = () => ({});

  private readonly server: http.Server;
  /** http://127.0.0.1:<port> once started. */
  url = '';

  private constructor() {
    this.server = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => void this.handle(req, Buffer.concat(chunks).toString('utf8'), res));
    });
    this.server.keepAliveTimeout = 60_000;
  }

  static async start(): Promise<FakeSmsGateway> {
    const gateway = new FakeSmsGateway();
    await new Promise<void>((resolve) => gateway.server.listen(0, '127.0.0.1', resolve));
    gateway.url = `http://127.0.0.1:${(gateway.server.address() as AddressInfo).port}`;
    return gateway;
  }

  /** Requests that were answered with a 2xx, i.e. messages the gateway took. */
  accepted(): GatewayRequest[] {
    return this.requests.filter((r) => r.answered !== undefined && r.answered >= 200 && r.answered < 300);
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private async handle(req: http.IncomingMessage, body: string, res: http.ServerResponse): Promise<void> {
    let json: unknown;
    try {
      json = JSON.parse(body);
    } catch {
      json = undefined;
    }
    const key = req.headers['idempotency-key'];
    const request: GatewayRequest = {
      method: req.method ?? '',
      url: req.url ?? '',
      headers: req.headers,
      body,
      json,
      ...(typeof key === 'string' ? { key } : {}),
      receivedAt: Date.now(),
    };
    this.requests.push(request);
    const answer = this.respond(request);
    if (answer.delayMs) await new Promise((resolve) => setTimeout(resolve, answer.delayMs));
    const status = answer.status ?? 200;
    // The client gave up waiting (a time-out): nothing was delivered to it.
    if (res.destroyed || req.socket.destroyed) return;
    request.answered = status;
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(JSON.stringify(answer.body ?? { result: 'OK', order_id: `gw-${randomUUID()}` }));
  }
}
