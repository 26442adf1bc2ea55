import { constants, generateKeyPairSync, randomBytes, sign, type KeyObject } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createTestIssuer, issueCardCertificate, validFor } from './test-certificates.ts';
import { CardSignatureError, verifyCardSignature, type CardSignatureInput } from './verify-card-signature.ts';

const now = new Date('2027-06-01T10:00:00Z');
const cnsCa = createTestIssuer('TEST CA CNS', validFor(now, 3650));
const cieCa = createTestIssuer('TEST CA CIE', validFor(now, 3650));
const trustedCAs = { cns: [cnsCa.pem], cie: [cieCa.pem] };
// RSA 2048 as on real cards: generated once for the whole file.
const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 });
const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' });
const CF = 'RSSMRA80A01H501U';

/** What a card sends back: RSASSA-PKCS1-v1_5 with SHA-256 over the challenge. */
function cardSigns(challenge: Buffer, key: KeyObject = rsa.privateKey): Buffer {
  return sign('sha256', challenge, { key, padding: constants.RSA_PKCS1_PADDING });
}

function input(overrides: Partial<CardSignatureInput> = {}): CardSignatureInput {
  const challenge = overrides.challenge ?? randomBytes(32);
  return {
    certificate: issueCardCertificate(cnsCa, rsa.publicKey, `TINIT-${CF}`, validFor(now)),
    signature: cardSigns(challenge),
    challenge,
    trustedCAs,
    now,
    ...overrides,
  };
}

function failure(args: CardSignatureInput): CardSignatureError {
  try {
    verifyCardSignature(args);
  } catch (error) {
    expect(error).toBeInstanceOf(CardSignatureError);
    expect((error as CardSignatureError).status).toBe(401);
    return error as CardSignatureError;
  }
  throw new Error('verified, but should not have');
}

describe('verifyCardSignature', () => {
  it('accepts a CNS signature and takes the codice fiscale from the certificate', () => {
    expect(verifyCardSignature(input())).toEqual({ codiceFiscale: CF, method: 'cns-pin' });
  });

  it('tells a CIE by its issuer', () => {
    const certificate = issueCardCertificate(cieCa, rsa.publicKey, `TINIT-${CF}`, validFor(now));
    expect(verifyCardSignature(input({ certificate }))).toEqual({ codiceFiscale: CF, method: 'cie-pin' });
  });

  it('accepts ECDSA keys, in raw r||s and in DER', () => {
    const challenge = randomBytes(32);
    const certificate = issueCardCertificate(cnsCa, ec.publicKey, `TINIT-${CF}`, validFor(now));
    for (const dsaEncoding of ['ieee-p1363', 'der'] as const) {
      const signature = sign('sha256', challenge, { key: ec.privateKey, dsaEncoding });
      expect(verifyCardSignature(input({ certificate, challenge, signature })).codiceFiscale).toBe(CF);
    }
  });

  it('refuses a certificate from another CA', () => {
    const other = createTestIssuer('SOMEONE ELSE', validFor(now));
    const certificate = issueCardCertificate(other, rsa.publicKey, `TINIT-${CF}`, validFor(now));
    expect(failure(input({ certificate })).code).toBe('card_issuer_untrusted');
  });

  it('refuses a certificate from an impostor CA bearing the trusted name', () => {
    const impostor = createTestIssuer('TEST CA CNS', validFor(now));
    const certificate = issueCardCertificate(impostor, rsa.publicKey, `TINIT-${CF}`, validFor(now));
    expect(failure(input({ certificate })).code).toBe('card_issuer_untrusted');
  });

  it('refuses an expired certificate, and one not valid yet', () => {
    const day = 24 * 3600 * 1000;
    const expired = {
      notBefore: new Date(now.getTime() - 400 * day),
      notAfter: new Date(now.getTime() - day),
    };
    const future = {
      notBefore: new Date(now.getTime() + day),
      notAfter: new Date(now.getTime() + 400 * day),
    };
    const certificate = (validity: typeof expired) =>
      issueCardCertificate(cnsCa, rsa.publicKey, `TINIT-${CF}`, validity);
    expect(failure(input({ certificate: certificate(expired) })).code).toBe('card_certificate_expired');
    expect(failure(input({ certificate: certificate(future) })).code).toBe('card_certificate_not_yet_valid');
  });

  it('refuses a certificate whose CA certificate has expired', () => {
    const day = 24 * 3600 * 1000;
    const oldCa = createTestIssuer('OLD CA', {
      notBefore: new Date(now.getTime() - 900 * day),
      notAfter: new Date(now.getTime() - day),
    });
    const certificate = issueCardCertificate(oldCa, rsa.publicKey, `TINIT-${CF}`, validFor(now));
    expect(failure(input({ certificate, trustedCAs: { cns: [oldCa.pem], cie: [] } })).code).toBe(
      'card_issuer_untrusted',
    );
  });

  it('refuses a tampered signature, and one over another challenge', () => {
    const good = input();
    const tampered = Buffer.from(good.signature);
    tampered[10]! ^= 0x01;
    expect(failure({ ...good, signature: tampered }).code).toBe('card_signature_invalid');
    expect(failure({ ...good, challenge: randomBytes(32) }).code).toBe('card_signature_invalid');
    expect(failure({ ...good, signature: Buffer.from('not a signature') }).code).toBe(
      'card_signature_invalid',
    );
  });

  it('refuses a certificate without a TINIT- codice fiscale, or with an invalid one', () => {
    const certificate = (serial: string | null) =>
      issueCardCertificate(cnsCa, rsa.publicKey, serial, validFor(now));
    expect(failure(input({ certificate: certificate(null) })).code).toBe('card_codice_fiscale_missing');
    expect(failure(input({ certificate: certificate(CF) })).code).toBe('card_codice_fiscale_missing');
    expect(failure(input({ certificate: certificate('TINIT-RSSMRA80A01H501X') })).code).toBe(
      'card_codice_fiscale_invalid',
    );
  });

  it('refuses bytes that are no certificate, and a CA certificate in a card’s place', () => {
    expect(failure(input({ certificate: Buffer.from('30820100', 'hex') })).code).toBe(
      'card_certificate_invalid',
    );
    const caDer = Buffer.from(cnsCa.pem.replace(/-----[^-]+-----|\s/g, ''), 'base64');
    expect(failure(input({ certificate: caDer })).code).toBe('card_certificate_invalid');
  });

  it('names a configured CA that is unusable, as a configuration fault', () => {
    expect(() =>
      verifyCardSignature(input({ trustedCAs: { cns: [cnsCa.pem], cie: ['not a pem'] } })),
    ).toThrow('trusted card CA cie[0] is not a PEM certificate');
  });
});
