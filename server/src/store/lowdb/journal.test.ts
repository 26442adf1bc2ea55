import { describe, expect, it } from 'vitest';
import { applyOps, type ListOp } from './journal.ts';

const put = (item: { id: string; v?: number }): ListOp => ({
  list: 'messages',
  key: 'id',
  put: JSON.stringify(item),
});
const remove = (id: string): ListOp => ({ list: 'messages', key: 'id', remove: id });

describe('journal list operations', () => {
  it('puts new items at the end, replaces an item with the same key, removes by key', () => {
    const base = JSON.stringify({
      messages: [
        { id: 'a', v: 1 },
        { id: 'b', v: 1 },
      ],
    });
    const after = applyOps(base, [
      put({ id: 'c', v: 1 }),
      put({ id: 'a', v: 2 }),
      remove('b'),
      put({ id: 'd' }),
    ]);
    expect(JSON.parse(after)).toEqual({ messages: [{ id: 'a', v: 2 }, { id: 'c', v: 1 }, { id: 'd' }] });
  });

  it('starts a file that does not exist yet as empty lists', () => {
    expect(JSON.parse(applyOps(null, [put({ id: 'a' })]))).toEqual({ messages: [{ id: 'a' }] });
    expect(JSON.parse(applyOps(null, [remove('a')]))).toEqual({ messages: [] });
  });

  it('ends in the same state when replayed over a file that already holds some or all of them', () => {
    const ops = [
      put({ id: 'a', v: 1 }),
      put({ id: 'b', v: 1 }),
      put({ id: 'a', v: 2 }),
      remove('b'),
      put({ id: 'c' }),
    ];
    const once = JSON.parse(applyOps(JSON.stringify({ messages: [] }), ops));
    // A crash in the middle of a checkpoint: the file may hold the state after any prefix of the ops.
    for (let done = 0; done <= ops.length; done++) {
      const written = applyOps(JSON.stringify({ messages: [] }), ops.slice(0, done));
      const replayed = JSON.parse(applyOps(written, ops));
      const byId = (m: { messages: { id: string }[] }) =>
        [...m.messages].sort((x, y) => x.id.localeCompare(y.id));
      expect(byId(replayed), `after ${done} ops written`).toEqual(byId(once));
    }
  });

  it('leaves other lists and fields of the file as they are', () => {
    const base = JSON.stringify({ messages: [{ id: 'a' }], other: [{ id: 'a' }], note: 'kept' });
    expect(JSON.parse(applyOps(base, [remove('a')]))).toEqual({
      messages: [],
      other: [{ id: 'a' }],
      note: 'kept',
    });
  });
});
