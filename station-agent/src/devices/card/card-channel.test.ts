import { describe, expect, it } from 'vitest';
import { readBinary, selectFile } from './apdu.ts';
import { CardChannel, oneAtATime, type CardTransport } from './card-channel.ts';
import {
  CardBadResponseError,
  CardCancelledError,
  CardMuteError,
  CardRemovedError,
  CardStatusError,
} from './card-errors.ts';

/** A card that answers a fixed script: each APDU must be the expected one. */
function scripted(script: [command: string, answer: string][]): CardTransport & { sent: string[] } {
  const sent: string[] = [];
  return {
    sent,
    async transmit(apdu) {
      const command = apdu.toString('hex').toUpperCase();
      sent.push(command);
      const step = script.shift();
      if (!step || step[0] !== command) throw new Error(`unexpected APDU ${command}`);
      return Buffer.from(step[1], 'hex');
    },
  };
}

const silent: CardTransport = { transmit: () => new Promise(() => undefined) };

describe('CardChannel.send', () => {
  it('asks again with the exact Le after 6Cxx', async () => {
    const card = scripted([
      ['00B0000000', '6C03'],
      ['00B0000003', '4142439000'],
    ]);
    const answer = await new CardChannel(card, { timeoutMs: 1000 }).send(readBinary(0, 256));
    expect(answer).toEqual({ data: Buffer.from('ABC'), sw: 0x9000 });
  });

  it('asks only once, so a card repeating 6Cxx cannot loop it', async () => {
    const card = scripted([
      ['00B0000000', '6C03'],
      ['00B0000003', '6C02'],
    ]);
    const channel = new CardChannel(card, { timeoutMs: 1000 });
    await expect(channel.expectOk(readBinary(0, 256), 'reading')).rejects.toBeInstanceOf(CardStatusError);
  });

  it('follows 61xx with GET RESPONSE and joins the parts', async () => {
    const card = scripted([
      ['00A40000023F00', '6104'],
      ['00C0000004', '62028001' + '6102'],
      ['00C0000002', '82019000'],
    ]);
    const answer = await new CardChannel(card, { timeoutMs: 1000 }).send(selectFile(0x3f00));
    expect(answer).toEqual({ data: Buffer.from('620280018201', 'hex'), sw: 0x9000 });
  });

  it('stops a card that announces more data without end', async () => {
    const endless: CardTransport = {
      transmit: async () => Buffer.from(Buffer.alloc(255, 0x41).toString('hex') + '61FF', 'hex'),
    };
    await expect(
      new CardChannel(endless, { timeoutMs: 1000 }).send(selectFile(0x3f00)),
    ).rejects.toBeInstanceOf(CardBadResponseError);
  });

  it('calls a card that does not answer in time mute', async () => {
    await expect(new CardChannel(silent, { timeoutMs: 20 }).send(selectFile(0x3f00))).rejects.toBeInstanceOf(
      CardMuteError,
    );
  });

  it('rejects at once when the operation is aborted, with the reason given', async () => {
    const controller = new AbortController();
    const sending = new CardChannel(silent, { timeoutMs: 5000, signal: controller.signal }).send(
      selectFile(0x3f00),
    );
    controller.abort(new CardRemovedError());
    await expect(sending).rejects.toBeInstanceOf(CardRemovedError);

    const plain = new AbortController();
    plain.abort();
    await expect(
      new CardChannel(silent, { timeoutMs: 5000, signal: plain.signal }).send(selectFile(0x3f00)),
    ).rejects.toBeInstanceOf(CardCancelledError);
  });

  it('turns a transport failure that is not a CardError into a bad response', async () => {
    const broken: CardTransport = { transmit: async () => Promise.reject(new Error('wire cut')) };
    await expect(new CardChannel(broken, { timeoutMs: 1000 }).send(selectFile(0x3f00))).rejects.toThrow(
      /wire cut/,
    );
    await expect(
      new CardChannel(broken, { timeoutMs: 1000 }).send(selectFile(0x3f00)),
    ).rejects.toBeInstanceOf(CardBadResponseError);
  });
});

describe('CardChannel.readFile', () => {
  // A file whose first byte declares its whole length.
  const lengthOf = (head: Buffer) => (head.length ? head[0]! : null);
  const options = { step: 'the test file', chunk: 4, maxBytes: 16, lengthOf };

  it('reads chunk after chunk up to the declared length', async () => {
    const card = scripted([
      ['00B0000004', '0A0102039000'],
      ['00B0000404', '040506079000'],
      ['00B0000804', '08096282'],
    ]);
    const file = await new CardChannel(card, { timeoutMs: 1000 }).readFile(options);
    expect(file).toEqual(Buffer.from('0A010203040506070809', 'hex'));
  });

  it('refuses a file declaring more than allowed, before reading it all', async () => {
    const card = scripted([['00B0000004', 'FF0102039000']]);
    await expect(new CardChannel(card, { timeoutMs: 1000 }).readFile(options)).rejects.toThrow(
      /more than the 16/,
    );
  });

  it('refuses a file that ends before its declared length', async () => {
    const card = scripted([
      ['00B0000004', '0A0102039000'],
      ['00B0000404', '04056282'],
    ]);
    await expect(new CardChannel(card, { timeoutMs: 1000 }).readFile(options)).rejects.toBeInstanceOf(
      CardBadResponseError,
    );
  });

  it('refuses a card sending more than asked', async () => {
    const card = scripted([['00B0000004', '0A010203049000']]);
    await expect(new CardChannel(card, { timeoutMs: 1000 }).readFile(options)).rejects.toThrow(
      /5 bytes for 4/,
    );
  });

  it('refuses an error status with the step named', async () => {
    const card = scripted([['00B0000004', '6982']]);
    await expect(new CardChannel(card, { timeoutMs: 1000 }).readFile(options)).rejects.toThrow(
      'reading the test file: the card answered 6982',
    );
  });
});

describe('oneAtATime', () => {
  it('sends the next APDU only after the previous one settled', async () => {
    const order: string[] = [];
    let release: () => void = () => undefined;
    const transport = oneAtATime(async (apdu) => {
      order.push(`start ${apdu[0]}`);
      if (apdu[0] === 1) await new Promise<void>((resolve) => (release = resolve));
      order.push(`end ${apdu[0]}`);
      return Buffer.from('9000', 'hex');
    });
    const first = transport.transmit(Buffer.from([1]));
    const second = transport.transmit(Buffer.from([2]));
    await new Promise((resolve) => setImmediate(resolve));
    expect(order).toEqual(['start 1']);
    release();
    await Promise.all([first, second]);
    expect(order).toEqual(['start 1', 'end 1', 'start 2', 'end 2']);
  });
});
