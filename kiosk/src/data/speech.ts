// A line of the screen spoken by the station agent (espeak-ng, offline): the WAV's bytes, or an error when the
// agent cannot speak it (no espeak-ng, agent down), for the caller to fall back on the browser's voices.
import type { SpeakBody } from '@sportello/protocol';

export async function fetchSpeech(body: SpeakBody, signal: AbortSignal): Promise<ArrayBuffer> {
  const response = await fetch('/agent/speech', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
    signal,
  });
  if (!response.ok) throw new Error(`the agent could not speak (${response.status})`);
  return response.arrayBuffer();
}

/** Whether the agent can speak at all (espeak-ng installed); false when the agent cannot be asked. */
export async function agentCanSpeak(): Promise<boolean> {
  try {
    const response = await fetch('/agent/speech');
    return response.ok && ((await response.json()) as { available?: unknown }).available === true;
  } catch {
    return false;
  }
}
