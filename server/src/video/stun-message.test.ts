// The STUN bytes the TURN probe sends and reads, checked against the RFC 5769 test vectors.
import { describe, expect, it } from 'vitest';
import {
  attributeOf,
  decodeMessage,
  encodeRequest,
  errorOf,
  longTermKey,
  stunAttributes,
  stunMethods,
} from './stun-message.ts';

const hex = (text: string) => Buffer.from(text.replace(/\s+/g, ''), 'hex');

/** RFC 5769 2.4: a Binding request with long-term authentication (USERNAME, NONCE, REALM, MESSAGE-INTEGRITY). */
const LONG_TERM_REQUEST = hex(`
  0001 0060 2112a442 78ad3433 c6ad72c0 29da412e
  0006 0012 e3839ee3 8388e383 aae38383 e382afe3 82b90000
  0015 001c 662f2f34 39396b39 35346436 4f4c3334 6f4c3946 53547679 36347341
  0014 000b 6578616d 706c652e 6f726700
  0008 0014 f6702465 6dd64a3e 02b8e071 2e85c9a2 8ca89666`);
const USERNAME = '\u30de\u30c8\u30ea\u30c3\u30af\u30b9';
const NONCE = 'f//499k954d6OL34oL9FSTvy64sA';
const REALM = 'example.org';
/** The RFC's password "The\u00adM\u00aatr\u2168" after SASLprep. */
const PASSWORD = 'TheMatrIX';
const BINDING = 0x001;

/** RFC 5769 2.2: a Binding success response (XOR-MAPPED-ADDRESS, SOFTWARE, MESSAGE-INTEGRITY, FINGERPRINT). */
const SUCCESS_RESPONSE = hex(`
  0101 003c 2112a442 b7e7a701 bc34d686 fa87dfae
  8022 000b 74657374 20766563 746f7220
  0020 0008 0001a147 e112a643
  0008 0014 2b91f599 fd9e90c3 8c7489f9 2af9ba53 f06be7d7
  8028 0004 c07d4c96`);

describe('STUN messages', () => {
  it('writes the RFC 5769 long-term request byte for byte, its MESSAGE-INTEGRITY included', () => {
    const transactionId = LONG_TERM_REQUEST.subarray(8, 20);
    const encoded = encodeRequest(
      BINDING,
      transactionId,
      [
        { type: stunAttributes.username, value: Buffer.from(USERNAME, 'utf8') },
        { type: stunAttributes.nonce, value: Buffer.from(NONCE) },
        { type: stunAttributes.realm, value: Buffer.from(REALM) },
      ],
      longTermKey(USERNAME, REALM, PASSWORD),
    );
    expect(encoded.toString('hex')).toBe(LONG_TERM_REQUEST.toString('hex'));
  });

  it('reads the RFC 5769 long-term request back: method, class, transaction and attributes', () => {
    const message = decodeMessage(LONG_TERM_REQUEST);
    expect(message).toMatchObject({ method: BINDING, class: 'request' });
    expect(message.transactionId.toString('hex')).toBe('78ad3433c6ad72c029da412e');
    expect(attributeOf(message, stunAttributes.username)?.toString('utf8')).toBe(USERNAME);
    expect(attributeOf(message, stunAttributes.nonce)?.toString()).toBe(NONCE);
    expect(attributeOf(message, stunAttributes.realm)?.toString()).toBe(REALM);
  });

  it('reads the RFC 5769 success response as a success, its odd-length attribute padded', () => {
    const message = decodeMessage(SUCCESS_RESPONSE);
    expect(message).toMatchObject({ method: BINDING, class: 'success' });
    expect(message.attributes.map((a) => a.type)).toEqual([0x8022, 0x0020, 0x0008, 0x8028]);
    expect(message.attributes[0]!.value.toString()).toBe('test vector');
  });

  it('weaves the Allocate method into the request type and reads its 401 answer', () => {
    const transactionId = Buffer.alloc(12, 7);
    const request = encodeRequest(stunMethods.allocate, transactionId, [
      { type: stunAttributes.requestedTransport, value: hex('11000000') },
    ]);
    expect(request.subarray(0, 4).toString('hex')).toBe('00030008');
    const answer = Buffer.concat([
      hex('0113 0028 2112a442'),
      transactionId,
      hex('0009 0010 00000401'),
      Buffer.from('Unauthorized'),
      hex('0014 0005'),
      Buffer.from('pizza'),
      hex('000000'),
      hex('0015 0004'),
      Buffer.from('n0nc'),
    ]);
    const message = decodeMessage(answer);
    expect(message).toMatchObject({ method: stunMethods.allocate, class: 'error' });
    expect(errorOf(message)).toEqual({ code: 401, reason: 'Unauthorized' });
    expect(attributeOf(message, stunAttributes.realm)?.toString()).toBe('pizza');
    expect(attributeOf(message, stunAttributes.nonce)?.toString()).toBe('n0nc');
  });

  it('refuses what is not a STUN message', () => {
    expect(() => decodeMessage(Buffer.from('GET / HTTP/1.1\r\n\r\n'))).toThrow(/not a STUN message/);
    const wrongLength = Buffer.from(LONG_TERM_REQUEST);
    wrongLength.writeUInt16BE(0x0064, 2);
    expect(() => decodeMessage(wrongLength)).toThrow(/length/);
  });
});
