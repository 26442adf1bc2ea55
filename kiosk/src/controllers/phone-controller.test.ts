import type { PhoneCheck } from '@sportello/protocol';
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { PhoneController, RETRY_MS, TYPING_PAUSE_MS } from './phone-controller.ts';

const mobile: PhoneCheck = {
  valid: true,
  e164: '+393471234567',
  mobile: true,
  formatted: '+39 347 123 4567',
};
const landline: PhoneCheck = {
  valid: true,
  e164: '+390425123456',
  mobile: false,
  formatted: '+39 0425 123456',
};

/** A field typed into: each value set runs the controller's hostUpdate, as a Lit host's update would. */
function field() {
  const asked: { number: string; answer: (a: PhoneCheck) => void; fail: () => void }[] = [];
  let value = '';
  let controller: ReactiveController | undefined;
  const host: ReactiveControllerHost = {
    addController: (c) => void (controller = c),
    removeController: () => undefined,
    requestUpdate: vi.fn(),
    updateComplete: Promise.resolve(true),
  };
  const phone = new PhoneController(
    host,
    () => value,
    (number) =>
      new Promise<PhoneCheck>((resolve, reject) =>
        asked.push({ number, answer: resolve, fail: () => reject(new Error('agent down')) }),
      ),
  );
  const type = (typed: string) => {
    value = typed;
    controller!.hostUpdate!();
  };
  return { phone, type, asked, host, disconnect: () => controller!.hostDisconnected!() };
}

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('a phone field checked by the agent', () => {
  it('asks once typing pauses, about the last number only, and re-renders the host with the answer', async () => {
    const { phone, type, asked, host } = field();
    for (const typed of ['3', '34', '347', '3471234567']) {
      type(typed);
      await vi.advanceTimersByTimeAsync(TYPING_PAUSE_MS / 2);
    }
    expect(asked).toEqual([]);
    expect(phone.state).toEqual({ kind: 'pending' });
    expect(phone.phone).toBeNull();
    await vi.advanceTimersByTimeAsync(TYPING_PAUSE_MS);
    expect(asked.map((a) => a.number)).toEqual(['3471234567']);
    asked[0]!.answer(mobile);
    await vi.advanceTimersByTimeAsync(0);
    expect(phone.phone).toEqual({
      kind: 'number',
      e164: '+393471234567',
      mobile: true,
      formatted: '+39 347 123 4567',
    });
    expect(host.requestUpdate).toHaveBeenCalledTimes(1);
  });

  it('drops an older number’s answer that arrives after a newer one’s', async () => {
    const { phone, type, asked } = field();
    type('3471234567');
    await vi.advanceTimersByTimeAsync(TYPING_PAUSE_MS);
    type('0425123456');
    await vi.advanceTimersByTimeAsync(TYPING_PAUSE_MS);
    expect(asked.map((a) => a.number)).toEqual(['3471234567', '0425123456']);
    asked[1]!.answer(landline);
    asked[0]!.answer(mobile);
    await vi.advanceTimersByTimeAsync(0);
    expect(phone.phone?.e164).toBe('+390425123456');
  });

  it('stays pending while an older number’s answer arrives before the newer one’s', async () => {
    const { phone, type, asked } = field();
    type('3471234567');
    await vi.advanceTimersByTimeAsync(TYPING_PAUSE_MS);
    type('34712345678');
    asked[0]!.answer(mobile);
    await vi.advanceTimersByTimeAsync(0);
    expect(phone.state).toEqual({ kind: 'pending' });
    await vi.advanceTimersByTimeAsync(TYPING_PAUSE_MS);
    asked[1]!.answer({ valid: false, reason: 'not_a_number' });
    await vi.advanceTimersByTimeAsync(0);
    expect(phone.state).toEqual({ kind: 'not-a-number' });
  });

  it('keeps the last answer: back to the number it was about, it is known at once', async () => {
    const { phone, type, asked } = field();
    type('3471234567');
    await vi.advanceTimersByTimeAsync(TYPING_PAUSE_MS);
    asked[0]!.answer(mobile);
    await vi.advanceTimersByTimeAsync(0);
    type('34712345678');
    type('3471234567 ');
    expect(phone.phone?.e164).toBe('+393471234567');
    await vi.advanceTimersByTimeAsync(TYPING_PAUSE_MS * 2);
    expect(asked).toHaveLength(1);
  });

  it('asks nothing about an empty field', async () => {
    const { phone, type, asked } = field();
    type('3');
    type('  ');
    await vi.advanceTimersByTimeAsync(TYPING_PAUSE_MS * 2);
    expect(asked).toEqual([]);
    expect(phone.state).toEqual({ kind: 'empty' });
  });

  it('says when the agent cannot be asked, and asks again until it answers', async () => {
    const { phone, type, asked } = field();
    type('3471234567');
    await vi.advanceTimersByTimeAsync(TYPING_PAUSE_MS);
    asked[0]!.fail();
    await vi.advanceTimersByTimeAsync(0);
    expect(phone.state).toEqual({ kind: 'unchecked' });
    expect(phone.phone).toBeNull();
    await vi.advanceTimersByTimeAsync(RETRY_MS);
    expect(asked.map((a) => a.number)).toEqual(['3471234567', '3471234567']);
    asked[1]!.answer(mobile);
    await vi.advanceTimersByTimeAsync(0);
    expect(phone.phone?.mobile).toBe(true);
  });

  it('lets a tap wait for the answer about the number just typed, asking at once rather than after a pause', async () => {
    const { phone, type, asked } = field();
    type('0425123456');
    let settled = false;
    void phone.settled().then(() => (settled = true));
    await vi.advanceTimersByTimeAsync(0);
    expect(asked.map((a) => a.number)).toEqual(['0425123456']);
    expect(settled).toBe(false);
    asked[0]!.answer(landline);
    await vi.advanceTimersByTimeAsync(0);
    expect(settled).toBe(true);
    expect(phone.phone?.mobile).toBe(false);
    await vi.advanceTimersByTimeAsync(TYPING_PAUSE_MS * 2);
    expect(asked).toHaveLength(1);
  });

  it('lets a tap wait for an answer already asked for, without asking again', async () => {
    const { phone, type, asked } = field();
    type('3471234567');
    await vi.advanceTimersByTimeAsync(TYPING_PAUSE_MS);
    let settled = false;
    void phone.settled().then(() => (settled = true));
    await vi.advanceTimersByTimeAsync(0);
    expect(settled).toBe(false);
    asked[0]!.answer(mobile);
    await vi.advanceTimersByTimeAsync(0);
    expect(settled).toBe(true);
    expect(asked).toHaveLength(1);
  });

  it('forgets the number when its screen goes, and an answer still on its way is dropped', async () => {
    const { phone, type, asked, disconnect } = field();
    type('3471234567');
    await vi.advanceTimersByTimeAsync(TYPING_PAUSE_MS);
    disconnect();
    asked[0]!.answer(mobile);
    await vi.advanceTimersByTimeAsync(0);
    expect(phone.state).toEqual({ kind: 'empty' });
  });
});
