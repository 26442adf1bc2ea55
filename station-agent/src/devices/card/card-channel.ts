// One operation's conversation with a card: command APDUs over a CardTransport, 6Cxx and 61xx followed as
// ISO 7816-4 asks, a mute card timed out, and an abort (cancel, removal) honoured at once.
import {
  encodeCommand,
  getResponse,
  interpretStatus,
  parseResponse,
  readBinary,
  type CommandApdu,
  type ResponseApdu,
} from './apdu.ts';
import {
  CardBadResponseError,
  CardCancelledError,
  CardError,
  CardMuteError,
  CardStatusError,
} from './card-errors.ts';

/** How APDUs reach a card: PC/SC on a station, a virtual card in the simulator; the protocol code above is one. */
export interface CardTransport {
  /**
   * Sends one command APDU; resolves with the card's raw answer (data, then SW1 SW2).
   * Rejects with CardRemovedError when the card or the reader went away, CardMuteError when the driver
   * reports the card unresponsive, another CardError for other driver failures. It has no timeout of its
   * own (the channel has) and queues a call made before the previous one settled.
   */
  transmit(apdu: Buffer): Promise<Buffer>;
}

/** Runs `send` one call at a time: after a cancelled operation its last APDU may still be on the wire. */
export function oneAtATime(send: (apdu: Buffer) => Promise<Buffer>): CardTransport {
  let tail: Promise<unknown> = Promise.resolve();
  return {
    transmit(apdu) {
      const result = tail.then(() => send(apdu));
      tail = result.catch(() => undefined);
      return result;
    },
  };
}

export interface CardChannelOptions {
  /** How long one APDU may take before the card counts as mute. */
  timeoutMs: number;
  /** Aborting rejects the step in progress with the signal's reason when it is a CardError, else CardCancelledError. */
  signal?: AbortSignal;
}

export interface ReadFileOptions {
  /** Names the file in error messages. */
  step: string;
  /** Bytes per READ BINARY, 1..256. */
  chunk: number;
  /** A file declaring or holding more is refused: a hostile card must not make us read forever. */
  maxBytes: number;
  /** The file's length as its first bytes declare it, null while too few bytes are in; may throw CardBadResponseError. */
  lengthOf: (head: Buffer) => number | null;
}

// A card announcing 61xx without end would otherwise keep us reading.
const MAX_CHAINED_RESPONSE = 16 * 1024;

function abortReason(signal: AbortSignal): CardError {
  return signal.reason instanceof CardError ? signal.reason : new CardCancelledError();
}

export class CardChannel {
  constructor(
    private readonly transport: CardTransport,
    private readonly options: CardChannelOptions,
  ) {}

  /**
   * Sends a command and resolves with the card's final answer whatever its status: 6Cxx is asked again once
   * with the exact Le the card named, 61xx is followed with GET RESPONSE until the data is complete.
   */
  async send(command: CommandApdu): Promise<ResponseApdu> {
    let response = await this.exchange(command);
    const parts: Buffer[] = [];
    let total = 0;
    for (;;) {
      const status = interpretStatus(response.sw);
      if (status.kind !== 'more-data') break;
      parts.push(response.data);
      total += response.data.length;
      if (total > MAX_CHAINED_RESPONSE) throw new CardBadResponseError('the card keeps announcing more data');
      response = await this.exchange(getResponse(status.available));
    }
    return parts.length === 0
      ? response
      : { data: Buffer.concat([...parts, response.data]), sw: response.sw };
  }

  /** Sends a command that must succeed; resolves with its data, rejects with CardStatusError otherwise. */
  async expectOk(command: CommandApdu, step: string): Promise<Buffer> {
    const response = await this.send(command);
    if (response.sw !== 0x9000) throw new CardStatusError(step, response.sw);
    return response.data;
  }

  /** Reads the current EF from offset 0 until the length its head declares, within `maxBytes`. */
  async readFile(options: ReadFileOptions): Promise<Buffer> {
    const { step, chunk, maxBytes, lengthOf } = options;
    let data = Buffer.alloc(0);
    for (;;) {
      const want = Math.min(chunk, maxBytes - data.length);
      const response = await this.send(readBinary(data.length, want));
      const status = interpretStatus(response.sw);
      const ended = status.kind === 'end-of-file' || status.kind === 'offset-out-of-range';
      if (status.kind !== 'ok' && !(ended && data.length + response.data.length > 0)) {
        throw new CardStatusError(`reading ${step}`, response.sw);
      }
      if (response.data.length > want) {
        throw new CardBadResponseError(
          `${step}: the card sent ${response.data.length} bytes for ${want} asked`,
        );
      }
      data = Buffer.concat([data, response.data]);
      const length = lengthOf(data);
      if (length !== null && length > maxBytes) {
        throw new CardBadResponseError(`${step} declares ${length} bytes, more than the ${maxBytes} allowed`);
      }
      if (length !== null && data.length >= length) return data.subarray(0, length);
      if (ended || response.data.length < want) {
        throw new CardBadResponseError(`${step} ends after ${data.length} bytes, before its declared length`);
      }
      if (data.length >= maxBytes) throw new CardBadResponseError(`${step} is longer than ${maxBytes} bytes`);
    }
  }

  private async exchange(command: CommandApdu): Promise<ResponseApdu> {
    const response = parseResponse(await this.transmit(encodeCommand(command)));
    const status = interpretStatus(response.sw);
    // Asked again only once, so that a card repeating 6Cxx cannot loop us.
    if (status.kind === 'wrong-le') {
      return parseResponse(await this.transmit(encodeCommand({ ...command, le: status.exactLe })));
    }
    return response;
  }

  private transmit(apdu: Buffer): Promise<Buffer> {
    const { signal, timeoutMs } = this.options;
    if (signal?.aborted) return Promise.reject(abortReason(signal));
    return new Promise((resolve, reject) => {
      const settle = (action: () => void) => {
        clearTimeout(timer);
        signal?.removeEventListener('abort', onAbort);
        action();
      };
      const onAbort = () => settle(() => reject(abortReason(signal!)));
      const timer = setTimeout(
        () => settle(() => reject(new CardMuteError(`the card did not answer within ${timeoutMs} ms`))),
        timeoutMs,
      );
      signal?.addEventListener('abort', onAbort, { once: true });
      this.transport.transmit(apdu).then(
        (answer) => settle(() => resolve(answer)),
        (error: unknown) =>
          settle(() =>
            reject(
              error instanceof CardError
                ? error
                : new CardBadResponseError(`the transport failed: ${(error as Error)?.message ?? error}`),
            ),
          ),
      );
    });
  }
}
