// Stations as the server knows them, and the credential a station's agent presents.
import { z } from 'zod';

export const StationTokenResponse = z.object({
  station: z.string(),
  /** Shown once; the server keeps only its hash. The agent sends it as a bearer token. */
  token: z.string(),
});
