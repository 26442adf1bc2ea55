// At the end of a session nothing personal may remain in the page: storage, caches, URL, history, camera.
export async function wipePageData(): Promise<void> {
  try {
    localStorage.clear();
    sessionStorage.clear();
  } catch {
    // Storage can be disabled by policy; then there is nothing in it.
  }
  if ('caches' in globalThis) {
    for (const key of await caches.keys()) await caches.delete(key);
  }
  if ('indexedDB' in globalThis && typeof indexedDB.databases === 'function') {
    for (const db of await indexedDB.databases()) if (db.name) indexedDB.deleteDatabase(db.name);
  }
  // One clean history entry at the root: no back into a previous citizen's screens.
  history.replaceState(null, '', location.pathname.replace(/[^/]*$/, ''));
  releaseAllMedia();
}

const openStreams = new Set<MediaStream>();

/** Every camera or microphone the kiosk opens goes through here, so the end of a session can close it. */
export async function openMedia(constraints: MediaStreamConstraints): Promise<MediaStream> {
  const stream = await navigator.mediaDevices.getUserMedia(constraints);
  openStreams.add(stream);
  return stream;
}

export function releaseAllMedia(): void {
  for (const stream of openStreams) for (const track of stream.getTracks()) track.stop();
  openStreams.clear();
}
