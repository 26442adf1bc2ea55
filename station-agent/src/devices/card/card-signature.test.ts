import { describe, expect, it } from 'vitest';
import { CardBadResponseError } from './card-errors.ts';
import { derLength, sha256DigestInfo } from './card-signature.ts';

describe('derLength', () => {
  it('reads short and long DER lengths, header included', () => {
    expect(derLength(Buffer.from('3005', 'hex'))).toBe(7);
    expect(derLength(Buffer.from('308181', 'hex'))).toBe(3 + 0x81);
    expect(derLength(Buffer.from('30820412', 'hex'))).toBe(4 + 0x412);
  });

  it('waits for more bytes when the header is cut', () => {
    expect(derLength(Buffer.from('30', 'hex'))).toBeNull();
    expect(derLength(Buffer.from('308204', 'hex'))).toBeNull();
  });

  it('refuses what is not a certificate with a bad-response error', () => {
    expect(() => derLength(Buffer.from('0482', 'hex'))).toThrow(CardBadResponseError);
    expect(() => derLength(Buffer.from('3080', 'hex'))).toThrow(CardBadResponseError);
    expect(() => derLength(Buffer.from('3085FFFFFFFFFF', 'hex'))).toThrow(CardBadResponseError);
  });
});

describe('sha256DigestInfo', () => {
  it('is the DER DigestInfo an RSA card signs (RFC 8017)', () => {
    const digestInfo = sha256DigestInfo(Buffer.from('abc'));
    expect(digestInfo.toString('hex')).toBe(
      '3031300d060960864801650304020105000420' +
        'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
    );
  });
});
