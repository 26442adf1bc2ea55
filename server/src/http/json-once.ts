// A body answered many times unchanged (a kept availability answer) is serialised once: its JSON bytes and
// ETag live as long as the object does, instead of a JSON.stringify and a SHA-1 on every request.
import { createHash } from 'node:crypto';
import type { Reply } from './route.ts';

const JSON_TYPE = 'application/json; charset=utf-8';
const serialised = new WeakMap<object, { bytes: Buffer; etag: string }>();

/** The reply for `body` as res.json would send it, with the same weak ETag Express would compute. */
export function jsonOnce(body: object): Reply {
  let kept = serialised.get(body);
  if (!kept) {
    const bytes = Buffer.from(JSON.stringify(body), 'utf8');
    const hash = createHash('sha1').update(bytes).digest('base64').slice(0, 27);
    kept = { bytes, etag: `W/"${bytes.length.toString(16)}-${hash}"` };
    serialised.set(body, kept);
  }
  return { body: kept.bytes, contentType: JSON_TYPE, headers: { ETag: kept.etag } };
}
