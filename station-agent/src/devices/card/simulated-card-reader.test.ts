import { X509Certificate, constants, randomBytes, verify } from 'node:crypto';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  CardMuteError,
  InvalidPinError,
  NoCardDriverError,
  PinBlockedError,
  WrongPinError,
} from './card-errors.ts';
import { sha256DigestInfo } from './card-signature.ts';
import { SimulatedCardReader } from './simulated-card-reader.ts';
import { testCas } from './test-ca.ts';
import {
  createMuteCard,
  createVirtualCie,
  createVirtualCns,
  DEMO_CITIZEN,
  DEMO_PIN,
  type VirtualSmartCard,
} from './virtual-cards.ts';

const hex = (apdus: Buffer[]) => apdus.map((apdu) => apdu.toString('hex').toUpperCase());

function verifies(certificate: Buffer, challenge: Buffer, signature: Buffer): boolean {
  const key = new X509Certificate(certificate).publicKey;
  return verify('sha256', challenge, { key, padding: constants.RSA_PKCS1_PADDING }, signature);
}

describe('SimulatedCardReader: strong authentication on virtual cards', () => {
  let reader: SimulatedCardReader;
  let cns: VirtualSmartCard;
  let cie: VirtualSmartCard;
  const challenge = randomBytes(32);

  beforeAll(async () => {
    [cns, cie] = await Promise.all([createVirtualCns(), createVirtualCie()]);
  });
  beforeEach(async () => {
    reader = new SimulatedCardReader({ transmitTimeoutMs: 100 });
    await reader.open();
  });
  afterEach(() => reader.close());

  it('signs the challenge with a CNS after the right PIN, with a certificate from the CNS test CA', async () => {
    reader.insert(cns);
    const { certificate, signature } = await reader.signChallenge(DEMO_PIN, challenge);
    expect(certificate).toEqual(cns.certificate);
    expect(verifies(certificate, challenge, signature)).toBe(true);
    const parsed = new X509Certificate(certificate);
    expect(parsed.subject).toContain(`serialNumber=TINIT-${DEMO_CITIZEN.codiceFiscale}`);
    expect(parsed.checkIssued(new X509Certificate((await testCas()).cns.pem))).toBe(true);
  });

  it('sends the CNS sequence byte for byte: VERIFY 10 padded with FF, MSE SET, PSO COMPUTE DIGITAL SIGNATURE', async () => {
    const card = await createVirtualCns({ pin: '12345' });
    reader.insert(card);
    reader.takeSentApdus();
    await reader.signChallenge('12345', challenge);
    const sent = hex(reader.takeSentApdus());
    expect(sent).toContain('00200010083132333435FFFFFF');
    expect(sent).toContain('0022F1B603830101');
    expect(sent).toContain(`002A9E9A33${sha256DigestInfo(challenge).toString('hex').toUpperCase()}00`);
    // A T=0 card hands the 256-byte signature over through GET RESPONSE.
    expect(sent.at(-1)).toBe('00C0000000');
  });

  it('signs with a CIE: VERIFY 81, MSE SET A4, INTERNAL AUTHENTICATE, certificate from the CIE test CA', async () => {
    reader.insert(cie);
    reader.takeSentApdus();
    const { certificate, signature } = await reader.signChallenge(DEMO_PIN, challenge);
    expect(verifies(certificate, challenge, signature)).toBe(true);
    expect(new X509Certificate(certificate).checkIssued(new X509Certificate((await testCas()).cie.pem))).toBe(
      true,
    );
    const sent = hex(reader.takeSentApdus());
    expect(sent.slice(0, 3)).toEqual([
      '00A4040C0DA0000000308000000009816001',
      '00A4040C06A00000000039',
      '00A40204021003',
    ]);
    expect(sent).toContain('00200081083132333435363738');
    expect(sent).toContain('002241A406800102840181');
    expect(sent.at(-1)).toMatch(/^0088000033[0-9A-F]{102}00$/);
  });

  it('counts wrong PINs down, then says the PIN is blocked, even to the right one', async () => {
    const card = await createVirtualCns();
    reader.insert(card);
    await expect(reader.signChallenge('11111111', challenge)).rejects.toEqual(new WrongPinError(2));
    await expect(reader.signChallenge('11111111', challenge)).rejects.toMatchObject({
      code: 'wrong-pin',
      triesLeft: 1,
    });
    await expect(reader.signChallenge('11111111', challenge)).rejects.toBeInstanceOf(PinBlockedError);
    await expect(reader.signChallenge(DEMO_PIN, challenge)).rejects.toBeInstanceOf(PinBlockedError);
    // Blocked stays blocked across removal.
    reader.remove();
    reader.insert(card);
    await expect(reader.signChallenge(DEMO_PIN, challenge)).rejects.toMatchObject({ code: 'pin-blocked' });
  });

  it('gives the tries back after the right PIN', async () => {
    const card = await createVirtualCie();
    reader.insert(card);
    await expect(reader.signChallenge('87654321', challenge)).rejects.toBeInstanceOf(WrongPinError);
    expect(card.pinTriesLeft).toBe(2);
    await reader.signChallenge(DEMO_PIN, challenge);
    expect(card.pinTriesLeft).toBe(3);
  });

  it('refuses a PIN that cannot be one before it reaches the card', async () => {
    const card = await createVirtualCie();
    reader.insert(card);
    for (const pin of ['1234', '12ab5678', '1234567']) {
      await expect(reader.signChallenge(pin, challenge)).rejects.toBeInstanceOf(InvalidPinError);
    }
    expect(hex(reader.takeSentApdus()).some((apdu) => apdu.startsWith('0020'))).toBe(false);
    expect(card.pinTriesLeft).toBe(3);
  });

  it('asks the PIN again for each signature', async () => {
    reader.insert(cns);
    await reader.signChallenge(DEMO_PIN, challenge);
    reader.takeSentApdus();
    await reader.signChallenge(DEMO_PIN, randomBytes(32));
    expect(hex(reader.takeSentApdus()).filter((apdu) => apdu.startsWith('0020'))).toHaveLength(1);
  });
});

describe('SimulatedCardReader controls', () => {
  it('makes the next APDU go unanswered', async () => {
    const reader = new SimulatedCardReader({ transmitTimeoutMs: 50 });
    await reader.open();
    reader.insert(await createVirtualCns());
    reader.muteNext();
    await expect(reader.readCard()).rejects.toBeInstanceOf(CardMuteError);
    await reader.close();
  });

  it('plays a station without a card driver', async () => {
    const reader = new SimulatedCardReader({ noDriver: true });
    await reader.open();
    expect(reader.state).toBe('no-driver');
    await expect(reader.readCard()).rejects.toBeInstanceOf(NoCardDriverError);
  });

  it('announces on open what was set up before it', async () => {
    const reader = new SimulatedCardReader();
    const card = await createVirtualCns();
    reader.insert(card);
    const events: unknown[] = [];
    reader.subscribe((event) => events.push(event));
    await reader.open();
    expect(events).toEqual([
      { type: 'reader', state: 'ok' },
      { type: 'card-inserted', atr: card.atr },
    ]);
  });

  it('cannot take a card while unplugged', async () => {
    const reader = new SimulatedCardReader({ unplugged: true });
    await reader.open();
    expect(reader.state).toBe('absent');
    expect(() => reader.insert(createMuteCard())).toThrow(/unplugged/);
  });
});
