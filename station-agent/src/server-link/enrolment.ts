// `station-agent enroll`: exchanges a technician's one-time code for the station's credential.
import { hostname } from 'node:os';
import { EnrolResponse } from '@sportello/protocol';
import { writeCredential, type StationCredential } from './credential-file.ts';

export class EnrolmentError extends Error {
  override name = 'EnrolmentError';
}

export async function enrollStation(options: {
  serverUrl: string;
  code: string;
  credentialFile: string;
  agentVersion: string;
}): Promise<StationCredential> {
  let response: Response;
  try {
    response = await fetch(new URL('/api/v1/stations/enrol', options.serverUrl), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ code: options.code, agentVersion: options.agentVersion, hostname: hostname() }),
      signal: AbortSignal.timeout(15_000),
    });
  } catch (error) {
    throw new EnrolmentError(`cannot reach ${options.serverUrl}: ${(error as Error).message}`);
  }
  const answer: unknown = await response.json().catch(() => null);
  if (!response.ok) {
    const message =
      (answer as { error?: { message?: string } } | null)?.error?.message ?? `HTTP ${response.status}`;
    throw new EnrolmentError(`enrolment refused: ${message}`);
  }
  const enrolled = EnrolResponse.parse(answer);
  const credential: StationCredential = {
    serverUrl: options.serverUrl,
    station: enrolled.station.id,
    token: enrolled.token,
    enrolledAt: new Date().toISOString(),
  };
  await writeCredential(options.credentialFile, credential);
  return credential;
}
