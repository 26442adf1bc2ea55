// Writes src/phone-metadata.json: the installed libphonenumber-js's full metadata cut to landlines and mobiles
// (`npm run phone-metadata -w @sportello/protocol` after updating libphonenumber-js; a test says when it is due).
import { writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { slicePhoneMetadata } from '../src/phone-metadata-slice.ts';

const max = createRequire(import.meta.url)('libphonenumber-js/metadata.max.json');
const out = new URL('../src/phone-metadata.json', import.meta.url);
await writeFile(out, JSON.stringify(slicePhoneMetadata(max)));
console.log(`wrote ${out.pathname}`);
