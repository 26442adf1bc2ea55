// The board's own address, `/board/<sede>?key=<key>`: the key signs the board in on every request (the
// stream cannot send headers), the sede in the path is only for people reading the URL.
export interface BoardAddress {
  sede?: string;
  key?: string;
}

export function boardAddress(location: { pathname: string; search: string }): BoardAddress {
  const sede = /^\/board\/([^/]+)/.exec(location.pathname)?.[1];
  const key = new URLSearchParams(location.search).get('key') ?? undefined;
  return { sede: sede ? decodeURIComponent(sede) : undefined, key: key || undefined };
}
