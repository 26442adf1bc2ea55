// Copies of the records the lowdb store keeps in memory, so no caller shares an object with its files. rfdc, not
// structuredClone: these are plain JSON data, which it copies about eight times faster (a booking: 0.7 vs 5.5 µs).
import rfdc from 'rfdc';

const copy = rfdc();

export function clone<T>(value: T): T {
  return value === undefined ? value : copy(value);
}
