// The page's Content-Security-Policy forbids eval; zod would otherwise probe for it (a CSP error in the
// console) at the first parse. Imported first, so it is set before any schema is built or used.
import { z } from 'zod';

z.config({ jitless: true });
