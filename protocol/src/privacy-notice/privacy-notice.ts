// The privacy notice (informativa sul trattamento dei dati personali) as citizens read it, in plain words
// and in every language the kiosk speaks. Each version's text is kept for good: a booking carries the version
// its citizen accepted, and that citizen must be able to read it again after a newer one is out.
import type { Language } from '../config.ts';

export interface PrivacyNoticeSection {
  heading: string;
  text: string;
}

/** One version of the notice in one language. */
export interface PrivacyNoticeText {
  /** The notice for a booked appointment (in person, telephone callback or web meeting). */
  title: string;
  booking: PrivacyNoticeSection[];
  /** The notice for a video call now: what the official sees and writes down. */
  videoTitle: string;
  video: PrivacyNoticeSection[];
}

/** One version of the notice in all six languages. */
export type PrivacyNotice = Record<Language, PrivacyNoticeText>;
