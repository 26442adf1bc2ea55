// TEST certification authorities for the virtual cards (@peculiar/x509). The demo's pair is saved in
// config/demo-ca; trusted only where a test or the demo configures their PEM: nothing here is a real CA.
// tsyringe, under @peculiar/x509, needs the Reflect metadata API.
import 'reflect-metadata';
import * as x509 from '@peculiar/x509';
import { generateKeyPair, type KeyObject } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { INSTALL_ROOT } from '../../install-paths.ts';

const crypto = globalThis.crypto;
const EC_KEY = { name: 'ECDSA', namedCurve: 'P-256' };
const EC_SIGNING = { name: 'ECDSA', hash: 'SHA-256' };
const TEN_YEARS_MS = 10 * 365 * 24 * 3600 * 1000;
// Not before an hour ago, so that a clock a little behind still accepts a fresh certificate.
const backdated = () => new Date(Date.now() - 3600 * 1000);

export interface CardHolder {
  codiceFiscale: string;
  firstName: string;
  lastName: string;
}

export interface Validity {
  notBefore?: Date;
  notAfter?: Date;
}

export interface CardKeyPair {
  /** For the virtual card's raw RSA operation. */
  privateKey: KeyObject;
  /** SubjectPublicKeyInfo, DER. */
  publicKeySpki: Buffer;
}

/** RSA 2048 as real CNS and CIE keys; generated off the main thread. */
export async function createCardKeyPair(): Promise<CardKeyPair> {
  const { privateKey, publicKey } = await promisify(generateKeyPair)('rsa', { modulusLength: 2048 });
  return { privateKey, publicKeySpki: publicKey.export({ type: 'spki', format: 'der' }) };
}

export class TestCa {
  private constructor(
    readonly certificate: x509.X509Certificate,
    private readonly keys: CryptoKeyPair,
  ) {}

  /** The CA saved by `toPem()`: the demo's CAs live in config/demo-ca so the server can trust them. */
  static async fromPem(certificatePem: string, privateKeyPem: string): Promise<TestCa> {
    const certificate = new x509.X509Certificate(certificatePem);
    const der = Buffer.from(privateKeyPem.replace(/-----[^-]+-----|\s/g, ''), 'base64');
    const privateKey = await crypto.subtle.importKey('pkcs8', der, EC_KEY, false, ['sign']);
    const publicKey = await certificate.publicKey.export(EC_KEY, ['verify'], crypto);
    return new TestCa(certificate, { privateKey, publicKey });
  }

  static async create(name: string, validity: Validity = {}): Promise<TestCa> {
    const keys = (await crypto.subtle.generateKey(EC_KEY, true, ['sign', 'verify'])) as CryptoKeyPair;
    const notBefore = validity.notBefore ?? backdated();
    const certificate = await x509.X509CertificateGenerator.createSelfSigned(
      {
        name: [{ C: ['IT'] }, { O: ['Sportello TEST - not a real CA'] }, { CN: [name] }],
        keys,
        notBefore,
        notAfter: validity.notAfter ?? new Date(notBefore.getTime() + TEN_YEARS_MS),
        signingAlgorithm: EC_SIGNING,
        extensions: [
          new x509.BasicConstraintsExtension(true, 0, true),
          new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true),
          await x509.SubjectKeyIdentifierExtension.create(keys.publicKey, false, crypto),
        ],
      },
      crypto,
    );
    return new TestCa(certificate, keys);
  }

  get pem(): string {
    return this.certificate.toString('pem');
  }

  /** The private key as PKCS#8 PEM, for saving a demo CA (only a CA made by create() can be saved). */
  async privateKeyPem(): Promise<string> {
    const der = Buffer.from(await crypto.subtle.exportKey('pkcs8', this.keys.privateKey));
    return `-----BEGIN PRIVATE KEY-----\n${der.toString('base64').replace(/.{64}/g, '$&\n')}\n-----END PRIVATE KEY-----\n`;
  }

  /**
   * A card authentication certificate (DER) for `holder` over `publicKeySpki`, its subject serialNumber
   * "TINIT-<codice fiscale>" as Italian CNS and CIE certificates carry it.
   */
  async issueCardCertificate(
    holder: CardHolder,
    publicKeySpki: Buffer,
    validity: Validity = {},
  ): Promise<Buffer> {
    // Valid as long as the CA by default: tests run the server at fixed dates, the real clock moves on.
    const notBefore = validity.notBefore ?? this.certificate.notBefore;
    const certificate = await x509.X509CertificateGenerator.create(
      {
        subject: [
          { C: ['IT'] },
          { O: ['Sportello TEST'] },
          { SN: [holder.lastName] },
          { G: [holder.firstName] },
          { '2.5.4.5': [`TINIT-${holder.codiceFiscale}`] },
          { CN: [`${holder.codiceFiscale}/SIMULATED`] },
        ],
        issuer: this.certificate.subjectName,
        publicKey: new Uint8Array(publicKeySpki),
        signingKey: this.keys.privateKey,
        signingAlgorithm: EC_SIGNING,
        notBefore,
        notAfter: validity.notAfter ?? this.certificate.notAfter,
        extensions: [
          new x509.BasicConstraintsExtension(false, undefined, true),
          new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature, true),
          new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.clientAuth]),
          await x509.AuthorityKeyIdentifierExtension.create(this.keys.publicKey, false, crypto),
        ],
      },
      crypto,
    );
    return Buffer.from(certificate.rawData);
  }
}

export interface TestCas {
  cns: TestCa;
  cie: TestCa;
}

let cached: Promise<TestCas> | undefined;

/** The demo CAs shipped in config/demo-ca (TEST ONLY), which the demo server is configured to trust. */
export const DEMO_CA_DIR = path.join(INSTALL_ROOT, 'config', 'demo-ca');

async function loadDemoCa(kind: 'cns' | 'cie'): Promise<TestCa> {
  const [certificate, key] = await Promise.all([
    readFile(path.join(DEMO_CA_DIR, `${kind}-ca.pem`), 'utf8'),
    readFile(path.join(DEMO_CA_DIR, `${kind}-ca.key.pem`), 'utf8'),
  ]);
  return TestCa.fromPem(certificate, key);
}

/**
 * The two test CAs, loaded once: one for CNS cards, one for CIE cards, as in reality, so that the
 * server tells 'cns-pin' from 'cie-pin' by the issuer.
 */
export function testCas(): Promise<TestCas> {
  cached ??= Promise.all([loadDemoCa('cns'), loadDemoCa('cie')]).then(
    ([cns, cie]) => ({ cns, cie }),
    (error: unknown) => {
      cached = undefined;
      throw error;
    },
  );
  return cached;
}
