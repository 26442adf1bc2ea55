// Strong authentication with a CNS or a CIE, server side: the certificate must be issued by a configured CA and
// valid now, the signature over our challenge must verify with its key, and the codice fiscale is taken from
// the certificate (subject serialNumber "TINIT-…"), never from what the station says.
import { isValidCodiceFiscale } from '@sportello/protocol';
import { X509Certificate, constants, verify } from 'node:crypto';
import { ApiError } from '../http/api-error.ts';

export type CardAuthMethod = 'cns-pin' | 'cie-pin';

/** The CA certificates (PEM) trusted to issue card authentication certificates, by card family. */
export interface TrustedCardCAs {
  /** Issuers of CNS / Tessera Sanitaria certificates (AgID publishes the list). */
  cns: readonly string[];
  /** Issuers of CIE authentication certificates. */
  cie: readonly string[];
}

export interface CardSignatureInput {
  /** The card's authentication certificate, DER. */
  certificate: Buffer;
  /** Over `challenge` with SHA-256: RSASSA-PKCS1-v1_5 for RSA keys, ECDSA (raw r||s or DER) for EC keys. */
  signature: Buffer;
  challenge: Buffer;
  trustedCAs: TrustedCardCAs;
  now: Date;
}

export interface VerifiedCardHolder {
  codiceFiscale: string;
  method: CardAuthMethod;
}

export type CardSignatureErrorCode =
  | 'card_certificate_invalid'
  | 'card_issuer_untrusted'
  | 'card_certificate_not_yet_valid'
  | 'card_certificate_expired'
  | 'card_signature_invalid'
  | 'card_codice_fiscale_missing'
  | 'card_codice_fiscale_invalid';

/** The station's proof did not hold; 401, with a code saying which check failed. */
export class CardSignatureError extends ApiError {
  override name = 'CardSignatureError';
  declare readonly code: CardSignatureErrorCode;

  constructor(code: CardSignatureErrorCode, message: string) {
    super(401, code, message);
  }
}

interface TrustedCa {
  certificate: X509Certificate;
  method: CardAuthMethod;
}

// Parsed once per PEM: the list comes from configuration and does not change between requests.
const parsed = new Map<string, X509Certificate>();

function trustedCa(pem: string, list: string, index: number): X509Certificate {
  let certificate = parsed.get(pem);
  if (!certificate) {
    try {
      certificate = new X509Certificate(pem);
    } catch {
      throw new Error(`trusted card CA ${list}[${index}] is not a PEM certificate`);
    }
    if (!certificate.ca) throw new Error(`trusted card CA ${list}[${index}] is not a CA certificate`);
    parsed.set(pem, certificate);
  }
  return certificate;
}

function trustedCas(trusted: TrustedCardCAs): TrustedCa[] {
  return [
    ...trusted.cns.map((pem, i) => ({ certificate: trustedCa(pem, 'cns', i), method: 'cns-pin' as const })),
    ...trusted.cie.map((pem, i) => ({ certificate: trustedCa(pem, 'cie', i), method: 'cie-pin' as const })),
  ];
}

function validityProblem(certificate: X509Certificate, now: Date): 'not-yet' | 'expired' | null {
  if (now.getTime() < Date.parse(certificate.validFrom)) return 'not-yet';
  if (now.getTime() > Date.parse(certificate.validTo)) return 'expired';
  return null;
}

function signatureHolds(certificate: X509Certificate, challenge: Buffer, signature: Buffer): boolean {
  const key = certificate.publicKey;
  try {
    if (key.asymmetricKeyType === 'rsa') {
      return verify('sha256', challenge, { key, padding: constants.RSA_PKCS1_PADDING }, signature);
    }
    if (key.asymmetricKeyType === 'ec') {
      // PKCS#11 gives r||s; other middleware gives DER. Both encode the same (r, s).
      return (['ieee-p1363', 'der'] as const).some((dsaEncoding) =>
        verify('sha256', challenge, { key, dsaEncoding }, signature),
      );
    }
  } catch {
    // A signature of the wrong shape for the key.
  }
  return false;
}

/** The codice fiscale in the subject's serialNumber, as Italian qualified certificates write it: "TINIT-<cf>". */
function codiceFiscaleOf(certificate: X509Certificate): string {
  const serials = certificate.subject.split('\n').filter((line) => line.startsWith('serialNumber='));
  const match = serials.length === 1 ? /^serialNumber=TINIT-([A-Za-z0-9]{16})$/.exec(serials[0]!) : null;
  if (!match) {
    throw new CardSignatureError(
      'card_codice_fiscale_missing',
      'the certificate carries no TINIT- codice fiscale',
    );
  }
  const codiceFiscale = match[1]!.toUpperCase();
  if (!isValidCodiceFiscale(codiceFiscale)) {
    throw new CardSignatureError(
      'card_codice_fiscale_invalid',
      'the codice fiscale in the certificate is not valid',
    );
  }
  return codiceFiscale;
}

/**
 * Verifies a card's answer to our challenge. Throws CardSignatureError (401) naming the failed check, or a
 * plain Error when a configured CA certificate is unusable (a configuration fault, not the citizen's).
 * Checks the direct issuer against the configured list (as AgID publishes issuing CAs); revocation (CRL,
 * OCSP) is not checked.
 */
export function verifyCardSignature(input: CardSignatureInput): VerifiedCardHolder {
  const { signature, challenge, now } = input;
  const trusted = trustedCas(input.trustedCAs);
  let certificate: X509Certificate;
  try {
    certificate = new X509Certificate(input.certificate);
  } catch {
    throw new CardSignatureError('card_certificate_invalid', 'the card certificate does not parse');
  }
  if (certificate.ca) {
    throw new CardSignatureError('card_certificate_invalid', 'a CA certificate is not a card certificate');
  }

  const issuer = trusted.find(
    ({ certificate: ca }) => certificate.checkIssued(ca) && certificate.verify(ca.publicKey),
  );
  if (!issuer) {
    throw new CardSignatureError(
      'card_issuer_untrusted',
      'the card certificate is not issued by a trusted CA',
    );
  }
  if (validityProblem(issuer.certificate, now)) {
    throw new CardSignatureError('card_issuer_untrusted', 'the issuing CA certificate is not valid now');
  }
  const problem = validityProblem(certificate, now);
  if (problem === 'not-yet') {
    throw new CardSignatureError('card_certificate_not_yet_valid', 'the card certificate is not valid yet');
  }
  if (problem === 'expired') {
    throw new CardSignatureError('card_certificate_expired', 'the card certificate has expired');
  }

  if (!signatureHolds(certificate, challenge, signature)) {
    throw new CardSignatureError(
      'card_signature_invalid',
      'the signature does not verify with the card certificate',
    );
  }
  return { codiceFiscale: codiceFiscaleOf(certificate), method: issuer.method };
}
