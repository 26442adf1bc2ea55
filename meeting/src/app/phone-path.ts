// What a phone page's address names: `/t/<key>` a ticket (the key printed in its QR), `/t/sede/<sede>` a
// sede's public queue (the board's QR).
export type PhonePage =
  { kind: 'ticket'; key: string } | { kind: 'sede'; sede: string } | { kind: 'unknown' };

export function phonePage(pathname: string): PhonePage {
  const segments = pathname.split('/').filter(Boolean);
  if (segments[0] !== 't') return { kind: 'unknown' };
  let rest: string[];
  try {
    rest = segments.slice(1).map(decodeURIComponent);
  } catch {
    return { kind: 'unknown' };
  }
  if (rest.length === 2 && rest[0] === 'sede' && rest[1]) return { kind: 'sede', sede: rest[1] };
  if (rest.length === 1 && rest[0] && rest[0] !== 'sede') return { kind: 'ticket', key: rest[0] };
  return { kind: 'unknown' };
}
