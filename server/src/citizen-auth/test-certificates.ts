// X.509 certificates for the tests, built with node:crypto and a few lines of DER: a CA, and card
// certificates as Italian cards carry them (subject serialNumber "TINIT-<codice fiscale>").
import { createPublicKey, generateKeyPairSync, randomBytes, sign, type KeyObject } from 'node:crypto';

const der = (tag: number, ...parts: Buffer[]): Buffer => {
  const body = Buffer.concat(parts);
  const length: number[] = [];
  for (let n = body.length; n > 0; n >>= 8) length.unshift(n & 0xff);
  const header = body.length < 0x80 ? [body.length] : [0x80 | length.length, ...length];
  return Buffer.concat([Buffer.from([tag, ...header]), body]);
};
const sequence = (...parts: Buffer[]) => der(0x30, ...parts);
const set = (...parts: Buffer[]) => der(0x31, ...parts);
const oid = (dotted: string) => {
  const [first, second, ...rest] = dotted.split('.').map(Number) as [number, number, ...number[]];
  const bytes = [40 * first + second];
  for (const arc of rest) {
    const groups = [arc & 0x7f];
    for (let n = arc >> 7; n > 0; n >>= 7) groups.unshift(0x80 | (n & 0x7f));
    bytes.push(...groups);
  }
  return der(0x06, Buffer.from(bytes));
};
const integer = (bytes: Buffer) =>
  der(0x02, bytes[0]! & 0x80 ? Buffer.concat([Buffer.from([0]), bytes]) : bytes);
const time = (date: Date) => {
  const iso = date.toISOString().replace(/[-:T]/g, '').slice(0, 14) + 'Z';
  // UTCTime up to 2049, GeneralizedTime after, as RFC 5280 says.
  return date.getUTCFullYear() < 2050 ? der(0x17, Buffer.from(iso.slice(2))) : der(0x18, Buffer.from(iso));
};
const TRUE = der(0x01, Buffer.from([0xff]));

const OID = {
  country: '2.5.4.6',
  organization: '2.5.4.10',
  commonName: '2.5.4.3',
  serialNumber: '2.5.4.5',
  ecdsaWithSha256: '1.2.840.10045.4.3.2',
  basicConstraints: '2.5.29.19',
};

/** Attribute type and value, in order; C and serialNumber as PrintableString, the rest UTF8String. */
type Name = [keyof typeof OID, string][];

const encodeName = (name: Name) =>
  sequence(
    ...name.map(([type, value]) =>
      set(
        sequence(
          oid(OID[type]),
          der(type === 'country' || type === 'serialNumber' ? 0x13 : 0x0c, Buffer.from(value)),
        ),
      ),
    ),
  );

export interface TestIssuer {
  name: Name;
  key: KeyObject;
  /** PEM of its self-signed certificate. */
  pem: string;
}

export interface Validity {
  notBefore: Date;
  notAfter: Date;
}

function certificate(
  subject: Name,
  publicKey: KeyObject,
  issuer: { name: Name; key: KeyObject },
  validity: Validity,
  ca: boolean,
): Buffer {
  const tbs = sequence(
    der(0xa0, integer(Buffer.from([2]))),
    // A positive serial whose first byte is not zero: DER wants the shortest form, and OpenSSL refuses
    // a certificate with a needless leading zero (one in 512 random serials had one).
    integer(Buffer.concat([Buffer.from([0x01 + (randomBytes(1)[0]! % 0x7f)]), randomBytes(11)])),
    sequence(oid(OID.ecdsaWithSha256)),
    encodeName(issuer.name),
    sequence(time(validity.notBefore), time(validity.notAfter)),
    encodeName(subject),
    publicKey.export({ type: 'spki', format: 'der' }),
    der(
      0xa3,
      sequence(sequence(oid(OID.basicConstraints), TRUE, der(0x04, ca ? sequence(TRUE) : sequence()))),
    ),
  );
  const signature = sign('sha256', tbs, issuer.key);
  return sequence(tbs, sequence(oid(OID.ecdsaWithSha256)), der(0x03, Buffer.from([0]), signature));
}

const toPem = (certificateDer: Buffer) =>
  [
    '-----BEGIN CERTIFICATE-----',
    ...certificateDer.toString('base64').match(/.{1,64}/g)!,
    '-----END CERTIFICATE-----',
    '',
  ].join('\n');

const DAY = 24 * 3600 * 1000;
export const validFor = (now: Date, days = 365): Validity => ({
  notBefore: new Date(now.getTime() - DAY),
  notAfter: new Date(now.getTime() + days * DAY),
});

/** A self-signed CA with an ECDSA P-256 key. */
export function createTestIssuer(commonName: string, validity: Validity, key?: KeyObject): TestIssuer {
  const privateKey = key ?? generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey;
  const name: Name = [
    ['country', 'IT'],
    ['organization', 'Sportello TEST'],
    ['commonName', commonName],
  ];
  const der = certificate(name, createPublicKey(privateKey), { name, key: privateKey }, validity, true);
  return { name, key: privateKey, pem: toPem(der) };
}

/** A card certificate (DER) for `serialNumber` (e.g. "TINIT-RSSMRA80A01H501U") over `publicKey`. */
export function issueCardCertificate(
  issuer: TestIssuer,
  publicKey: KeyObject,
  serialNumber: string | null,
  validity: Validity,
): Buffer {
  const subject: Name = [
    ['country', 'IT'],
    ...(serialNumber === null ? [] : ([['serialNumber', serialNumber]] as Name)),
    ['commonName', 'ROSSI MARIO'],
  ];
  return certificate(subject, publicKey, issuer, validity, false);
}
