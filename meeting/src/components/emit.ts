// The one way components speak upward: bubbling, composed events named meeting-*.
export function emit<T>(from: EventTarget, name: `meeting-${string}`, detail?: T): void {
  from.dispatchEvent(new CustomEvent(name, { detail, bubbles: true, composed: true }));
}
