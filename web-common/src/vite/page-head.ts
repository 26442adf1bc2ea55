// The head every front end's page shares, added by Vite to each page it builds (and serves in development):
// UTF-8, a viewport for phones and kiosks, no referrer sent anywhere, kept out of search engines, no favicon
// request, and the page's colour before its app has drawn. A page's index.html keeps only its title, its
// script and what is its own (the board's dark colour, a phone page's theme colour).
import type { HtmlTagDescriptor, Plugin } from 'vite';
import { palette } from '../palette.ts';

export function pageHead(): Plugin {
  const tags: HtmlTagDescriptor[] = [
    { tag: 'meta', attrs: { charset: 'utf-8' } },
    { tag: 'meta', attrs: { name: 'viewport', content: 'width=device-width, initial-scale=1' } },
    { tag: 'meta', attrs: { name: 'referrer', content: 'no-referrer' } },
    { tag: 'meta', attrs: { name: 'robots', content: 'noindex' } },
    { tag: 'link', attrs: { rel: 'icon', href: 'data:,' } },
    { tag: 'style', children: `html,body{margin:0;background:${palette.bg}}` },
  ].map((tag) => ({ ...tag, injectTo: 'head-prepend' as const }));
  return { name: 'sportello-page-head', transformIndexHtml: () => tags };
}
