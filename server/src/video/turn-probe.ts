// Whether a TURN server takes our credentials: an RFC 5766 Allocate over UDP with the long-term mechanism
// (Allocate → 401 with REALM and NONCE → Allocate signed with them → success, or 401: refused), within a
// time limit. A granted allocation is released at once (Refresh with LIFETIME 0).
import { createSocket, type Socket } from 'node:dgram';
import { lookup } from 'node:dns/promises';
import {
  attributeOf,
  decodeMessage,
  encodeRequest,
  errorOf,
  longTermKey,
  newTransactionId,
  stunAttributes,
  stunMethods,
  type StunAttribute,
  type StunMessage,
} from './stun-message.ts';

export type TurnProbeStatus = 'ok' | 'refused' | 'unreachable' | 'failed';

export interface TurnProbeResult {
  status: TurnProbeStatus;
  /** What happened, for the log and /readyz: never the credential. */
  detail: string;
}

export interface TurnProbeOptions {
  /** A `turn:host[:port][?transport=udp]` URL. */
  url: string;
  username: string;
  credential: string;
  timeoutMs?: number;
}

const DEFAULT_PORT = 3478;
/** RFC 5389's first retransmission time over UDP; doubled on each retransmission. */
const FIRST_RTO_MS = 500;
/** REQUESTED-TRANSPORT: UDP (protocol 17) and three reserved bytes. */
const UDP_TRANSPORT: StunAttribute = {
  type: stunAttributes.requestedTransport,
  value: Buffer.from([17, 0, 0, 0]),
};

/** Host and port of a UDP TURN URL; undefined for another transport (TCP, TLS), which this does not probe. */
export function udpTarget(url: string): { host: string; port: number } | undefined {
  const match = /^turn:(\[[^\]]+\]|[^:?]+)(?::(\d+))?(?:\?transport=(\w+))?$/.exec(url);
  if (!match || (match[3] !== undefined && match[3] !== 'udp')) return undefined;
  return { host: match[1]!.replace(/^\[|\]$/g, ''), port: match[2] ? Number(match[2]) : DEFAULT_PORT };
}

class Unreachable extends Error {}

export async function probeTurn(options: TurnProbeOptions): Promise<TurnProbeResult> {
  const target = udpTarget(options.url);
  if (!target) return { status: 'failed', detail: 'not a UDP TURN URL (turn:host:port?transport=udp)' };
  const deadline = Date.now() + (options.timeoutMs ?? 3000);
  let address: { address: string; family: number };
  try {
    address = await withDeadline(lookup(target.host), deadline);
  } catch (error) {
    return { status: 'unreachable', detail: `${target.host} does not resolve (${codeOf(error)})` };
  }
  const socket = createSocket(address.family === 6 ? 'udp6' : 'udp4');
  const ask = (message: (id: Buffer) => Buffer) =>
    transaction(socket, address.address, target.port, message, deadline);
  try {
    await new Promise<void>((resolve, reject) => {
      socket.once('error', reject);
      socket.bind(0, resolve);
    });
    const first = await ask((id) => encodeRequest(stunMethods.allocate, id, [UDP_TRANSPORT]));
    if (first.class === 'success') return { status: 'ok', detail: 'allocated without credentials' };
    let challenge = first;
    // A stale nonce (438) is answered once more with the fresh one, as any client does.
    for (let attempt = 0; attempt < 2; attempt++) {
      const realm = attributeOf(challenge, stunAttributes.realm)?.toString('utf8');
      const nonce = attributeOf(challenge, stunAttributes.nonce);
      if (realm === undefined || nonce === undefined)
        return { status: 'failed', detail: answered(challenge) };
      const key = longTermKey(options.username, realm, options.credential);
      const signed = (method: number, extra: StunAttribute[]) => (id: Buffer) =>
        encodeRequest(
          method,
          id,
          [
            ...extra,
            { type: stunAttributes.username, value: Buffer.from(options.username, 'utf8') },
            { type: stunAttributes.realm, value: Buffer.from(realm, 'utf8') },
            { type: stunAttributes.nonce, value: nonce },
          ],
          key,
        );
      const second = await ask(signed(stunMethods.allocate, [UDP_TRANSPORT]));
      if (second.class === 'success') {
        const release = signed(stunMethods.refresh, [
          { type: stunAttributes.lifetime, value: Buffer.alloc(4) },
        ]);
        await new Promise<void>((resolve) =>
          socket.send(release(newTransactionId()), target.port, address.address, () => resolve()),
        );
        return { status: 'ok', detail: 'credentials accepted' };
      }
      const code = errorOf(second)?.code;
      if (code === 438) {
        challenge = second;
        continue;
      }
      if (code === 401 || code === 441)
        return { status: 'refused', detail: `credentials refused (${answered(second)})` };
      return { status: 'failed', detail: answered(second) };
    }
    return { status: 'failed', detail: 'the nonce went stale twice' };
  } catch (error) {
    if (error instanceof Unreachable) return { status: 'unreachable', detail: error.message };
    return { status: 'unreachable', detail: `no answer (${codeOf(error)})` };
  } finally {
    socket.close();
  }
}

/** Sends one request, retransmitting on UDP's schedule, until its answer or the deadline. */
function transaction(
  socket: Socket,
  host: string,
  port: number,
  message: (id: Buffer) => Buffer,
  deadline: number,
): Promise<StunMessage> {
  const id = newTransactionId();
  const bytes = message(id);
  return new Promise((resolve, reject) => {
    let rto = FIRST_RTO_MS;
    let timer: NodeJS.Timeout | undefined;
    const done = () => {
      clearTimeout(timer);
      socket.off('message', onMessage);
      socket.off('error', onError);
    };
    const onMessage = (data: Buffer) => {
      let answer: StunMessage;
      try {
        answer = decodeMessage(data);
      } catch {
        return;
      }
      if (!answer.transactionId.equals(id)) return;
      done();
      resolve(answer);
    };
    const onError = (error: Error) => {
      done();
      reject(new Unreachable(`no answer (${codeOf(error)})`));
    };
    const send = () => {
      const left = deadline - Date.now();
      if (left <= 0) {
        done();
        reject(new Unreachable('no answer in time'));
        return;
      }
      socket.send(bytes, port, host);
      timer = setTimeout(send, Math.min(rto, left));
      rto *= 2;
    };
    socket.on('message', onMessage);
    socket.on('error', onError);
    send();
  });
}

/** A resolver that hangs (no DNS server answering) must not outlast the probe's time limit. */
function withDeadline<T>(promise: Promise<T>, deadline: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error('timed out')), Math.max(0, deadline - Date.now()));
  });
  return Promise.race([promise, late]).finally(() => clearTimeout(timer));
}

const answered = (message: StunMessage) => {
  const error = errorOf(message);
  return error ? `answered ${error.code} ${error.reason}`.trim() : `answered ${message.class}`;
};

const codeOf = (error: unknown) =>
  (error as NodeJS.ErrnoException | undefined)?.code ?? (error as Error | undefined)?.message ?? 'error';
