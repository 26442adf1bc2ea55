// The one way components speak upward: bubbling, composed events named console-*.
export function emit<T>(from: EventTarget, name: `console-${string}`, detail?: T): void {
  from.dispatchEvent(new CustomEvent(name, { detail, bubbles: true, composed: true }));
}
