// What the kiosk knows about the citizen standing at it: memory only, gone when the session ends.
import type { AuthMethod, Booking, TicketResponse } from '@sportello/protocol';

export interface Identity {
  codiceFiscale: string;
  firstName?: string;
  lastName?: string;
  authMethod: AuthMethod;
  /** After a card signature verified by the server: shown with bookings that need strong authentication. */
  authProof?: string;
}

export interface KioskSession {
  identity?: Identity;
  /** A CIE read without PIN gives only its NIS: the citizen still has to say who they are. */
  cieNis?: string;
  /** Name of the municipal clerk or relative helping, passed to the official. */
  assistedBy?: string;
  serviceId?: string;
  ticket?: TicketResponse;
  booking?: Booking;
  /** Shown once on the confirmation screen for web meetings. */
  admissionCode?: string;
}

export const emptySession = (): KioskSession => ({});

/** "Maria R.": enough to greet, nothing more on a screen others can see. */
export function greetingName(identity: Identity | undefined): string | null {
  if (!identity?.firstName) return null;
  const first = identity.firstName.charAt(0).toUpperCase() + identity.firstName.slice(1).toLowerCase();
  return identity.lastName ? `${first} ${identity.lastName.charAt(0).toUpperCase()}.` : first;
}
