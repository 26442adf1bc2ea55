import type { BoardCall, Language } from '@sportello/protocol';
import { describe, expect, it } from 'vitest';
import { Announcer, spokenLanguages, type CallAudio } from './announcer.ts';

const call = (number: string, language: Language = 'it'): BoardCall => ({
  ticketId: number.toLowerCase(),
  number,
  counter: 'sportello-3',
  counterName: 'Sportello 3',
  language,
  at: '2026-12-07T09:00:00+01:00',
  recall: 0,
});

/** A sound system that writes down what it plays; clips load when the test says. */
function fakeAudio(options: { ready?: boolean; missing?: string[] } = {}) {
  const played: string[] = [];
  const loads = new Map<string, (clip: string | undefined) => void>();
  const audio: CallAudio<string> = {
    ready: () => options.ready ?? true,
    chime: async () => {
      played.push('chime');
    },
    load: (c, language) =>
      new Promise((resolve) =>
        loads.set(`${c.number}/${language}`, resolve as (clip: string | undefined) => void),
      ),
    play: async (clip) => {
      played.push(clip);
    },
  };
  const finishLoad = (name: string) => {
    const missing = options.missing?.includes(name);
    loads.get(name)?.(missing ? undefined : name);
  };
  return { audio, played, loads, finishLoad };
}

describe('the announcer', () => {
  it('speaks Italian, and the ticket’s language after it when it is another', () => {
    expect(spokenLanguages('it')).toEqual(['it']);
    expect(spokenLanguages('ar')).toEqual(['it', 'ar']);
  });

  it('announces two calls made close together both, in order, even when the second loads first', async () => {
    const { audio, played, loads, finishLoad } = fakeAudio();
    const announcer = new Announcer(audio);
    announcer.announce(call('P001'));
    const done = announcer.announce(call('A002', 'ar'));
    expect([...loads.keys()]).toEqual(['P001/it', 'A002/it', 'A002/ar']);
    finishLoad('A002/ar');
    finishLoad('A002/it');
    finishLoad('P001/it');
    await done;
    expect(played).toEqual(['chime', 'P001/it', 'chime', 'A002/it', 'A002/ar']);
  });

  it('still chimes and goes on when a clip cannot be had (no speech engine on the server)', async () => {
    const { audio, played, finishLoad } = fakeAudio({ missing: ['P001/it'] });
    const announcer = new Announcer(audio);
    const first = announcer.announce(call('P001'));
    finishLoad('P001/it');
    await first;
    const second = announcer.announce(call('P002'));
    finishLoad('P002/it');
    await second;
    expect(played).toEqual(['chime', 'chime', 'P002/it']);
  });

  it('goes on after a clip that fails to play', async () => {
    const { audio, played, finishLoad } = fakeAudio();
    const failing: CallAudio<string> = {
      ...audio,
      play: async (clip) => {
        if (clip === 'P001/it') throw new Error('cannot decode');
        return audio.play(clip);
      },
    };
    const announcer = new Announcer(failing);
    announcer.announce(call('P001'));
    const done = announcer.announce(call('P002'));
    finishLoad('P001/it');
    finishLoad('P002/it');
    await done;
    expect(played).toEqual(['chime', 'chime', 'P002/it']);
  });

  it('neither plays nor keeps calls for later while the browser blocks the sound', async () => {
    const { audio, played, loads } = fakeAudio({ ready: false });
    await new Announcer(audio).announce(call('P001'));
    expect(played).toEqual([]);
    expect(loads.size).toBe(0);
  });
});
