// STUN messages (RFC 5389) as far as a TURN Allocate (RFC 5766) needs them: a request with its attributes
// and MESSAGE-INTEGRITY under the long-term credential, and the answer's class and attributes read back.
import { createHash, createHmac, randomBytes } from 'node:crypto';

const MAGIC_COOKIE = 0x2112a442;
const HEADER_BYTES = 20;
/** MESSAGE-INTEGRITY: a 4-byte attribute header and an HMAC-SHA1. */
const INTEGRITY_BYTES = 24;

export const stunMethods = { allocate: 0x003, refresh: 0x004 } as const;

export const stunAttributes = {
  username: 0x0006,
  messageIntegrity: 0x0008,
  errorCode: 0x0009,
  lifetime: 0x000d,
  realm: 0x0014,
  nonce: 0x0015,
  requestedTransport: 0x0019,
} as const;

const classes = ['request', 'indication', 'success', 'error'] as const;
export type StunClass = (typeof classes)[number];

export interface StunAttribute {
  type: number;
  value: Buffer;
}

export interface StunMessage {
  method: number;
  class: StunClass;
  transactionId: Buffer;
  attributes: StunAttribute[];
}

/** The long-term credential's key (RFC 5389 15.4); the password is taken as already SASLprep'd. */
export const longTermKey = (username: string, realm: string, password: string): Buffer =>
  createHash('md5').update(`${username}:${realm}:${password}`, 'utf8').digest();

export const newTransactionId = (): Buffer => randomBytes(12);

/** The 14-bit message type: the method's bits with the two class bits woven in at bits 4 and 8. */
function messageType(method: number, cls: StunClass): number {
  const c = classes.indexOf(cls);
  return (
    ((method & 0xf80) << 2) | ((method & 0x070) << 1) | (method & 0x00f) | ((c & 2) << 7) | ((c & 1) << 4)
  );
}

function header(type: number, length: number, transactionId: Buffer): Buffer {
  const bytes = Buffer.alloc(HEADER_BYTES);
  bytes.writeUInt16BE(type, 0);
  bytes.writeUInt16BE(length, 2);
  bytes.writeUInt32BE(MAGIC_COOKIE, 4);
  transactionId.copy(bytes, 8);
  return bytes;
}

function attribute(type: number, value: Buffer): Buffer {
  const bytes = Buffer.alloc(4 + Math.ceil(value.length / 4) * 4);
  bytes.writeUInt16BE(type, 0);
  bytes.writeUInt16BE(value.length, 2);
  value.copy(bytes, 4);
  return bytes;
}

/** A request with the attributes in order, then MESSAGE-INTEGRITY when a key is given. */
export function encodeRequest(
  method: number,
  transactionId: Buffer,
  attributes: StunAttribute[],
  key?: Buffer,
): Buffer {
  if (transactionId.length !== 12) throw new Error('a STUN transaction id has 12 bytes');
  const body = Buffer.concat(attributes.map((a) => attribute(a.type, a.value)));
  const type = messageType(method, 'request');
  if (!key) return Buffer.concat([header(type, body.length, transactionId), body]);
  // The HMAC covers the header whose length already counts the MESSAGE-INTEGRITY attribute.
  const signed = Buffer.concat([header(type, body.length + INTEGRITY_BYTES, transactionId), body]);
  const hmac = createHmac('sha1', key).update(signed).digest();
  return Buffer.concat([signed, attribute(stunAttributes.messageIntegrity, hmac)]);
}

/** Reads a STUN message; throws on anything that is not one (wrong cookie, length or framing). */
export function decodeMessage(bytes: Buffer): StunMessage {
  if (bytes.length < HEADER_BYTES || (bytes[0]! & 0xc0) !== 0) throw new Error('not a STUN message: header');
  if (bytes.readUInt32BE(4) !== MAGIC_COOKIE) throw new Error('not a STUN message: magic cookie');
  const length = bytes.readUInt16BE(2);
  if (length % 4 !== 0 || HEADER_BYTES + length !== bytes.length)
    throw new Error('not a STUN message: length');
  const type = bytes.readUInt16BE(0);
  const method = (type & 0x000f) | ((type & 0x00e0) >> 1) | ((type & 0x3e00) >> 2);
  const cls = classes[((type & 0x0100) >> 7) | ((type & 0x0010) >> 4)]!;
  const attributes: StunAttribute[] = [];
  for (let at = HEADER_BYTES; at < bytes.length;) {
    if (at + 4 > bytes.length) throw new Error('not a STUN message: attribute header');
    const size = bytes.readUInt16BE(at + 2);
    if (at + 4 + size > bytes.length) throw new Error('not a STUN message: attribute length');
    attributes.push({ type: bytes.readUInt16BE(at), value: bytes.subarray(at + 4, at + 4 + size) });
    at += 4 + Math.ceil(size / 4) * 4;
  }
  return { method, class: cls, transactionId: bytes.subarray(8, HEADER_BYTES), attributes };
}

export const attributeOf = (message: StunMessage, type: number): Buffer | undefined =>
  message.attributes.find((a) => a.type === type)?.value;

/** ERROR-CODE as its number (401, 438, …) and reason phrase, if the message has one. */
export function errorOf(message: StunMessage): { code: number; reason: string } | undefined {
  const value = attributeOf(message, stunAttributes.errorCode);
  if (!value || value.length < 4) return undefined;
  return { code: (value[2]! & 0x07) * 100 + value[3]!, reason: value.subarray(4).toString('utf8') };
}
