// The one way components speak upward: bubbling, composed events named kiosk-*.
export function emit<T>(from: EventTarget, name: `kiosk-${string}`, detail?: T): void {
  from.dispatchEvent(new CustomEvent(name, { detail, bubbles: true, composed: true }));
}
