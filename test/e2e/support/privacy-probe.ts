// What a page still holds that a person could read or a script could find: every text, input value and
// attribute through every shadow root, the address and history, and the browser's storages.
import type { Page } from '@playwright/test';

export interface Leftovers {
  /** Text, input values and attribute values of the whole document, shadow roots included. */
  text: string;
  href: string;
  historyLength: number;
  localStorage: string[];
  sessionStorage: string[];
  indexedDB: string[];
  caches: string[];
}

export function leftovers(page: Page): Promise<Leftovers> {
  return page.evaluate(async () => {
    const parts: string[] = [];
    const walk = (root: Node) => {
      for (let node = root.firstChild; node; node = node.nextSibling) {
        if (node.nodeType === Node.TEXT_NODE) parts.push(node.textContent ?? '');
        if (node instanceof Element) {
          for (const attribute of node.attributes) parts.push(attribute.value);
          if (node instanceof HTMLInputElement || node instanceof HTMLTextAreaElement) parts.push(node.value);
          if (node.shadowRoot) walk(node.shadowRoot);
        }
        walk(node);
      }
    };
    walk(document);
    const keys = (storage: Storage) =>
      Array.from(
        { length: storage.length },
        (_, i) => `${storage.key(i)}=${storage.getItem(storage.key(i)!)}`,
      );
    return {
      text: parts.join('\n'),
      href: location.href,
      historyLength: history.length,
      localStorage: keys(localStorage),
      sessionStorage: keys(sessionStorage),
      indexedDB: (await indexedDB.databases()).map((db) => db.name ?? ''),
      caches: await caches.keys(),
    };
  });
}

/**
 * Records every camera and microphone stream the page opens (window.__mediaStreams), so a test can check
 * that none is still live. Must run before the page loads.
 */
export async function recordMediaStreams(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const streams: MediaStream[] = [];
    (window as unknown as { __mediaStreams: MediaStream[] }).__mediaStreams = streams;
    const original = navigator.mediaDevices.getUserMedia.bind(navigator.mediaDevices);
    navigator.mediaDevices.getUserMedia = async (constraints) => {
      const stream = await original(constraints);
      streams.push(stream);
      return stream;
    };
  });
}

/** How many camera or microphone tracks the page opened, and how many are still live. */
export function mediaTracks(page: Page): Promise<{ opened: number; live: number }> {
  return page.evaluate(() => {
    const tracks = (window as unknown as { __mediaStreams: MediaStream[] }).__mediaStreams.flatMap((s) =>
      s.getTracks(),
    );
    return { opened: tracks.length, live: tracks.filter((t) => t.readyState === 'live').length };
  });
}
