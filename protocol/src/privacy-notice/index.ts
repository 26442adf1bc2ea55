// Every version of the privacy notice ever shown, by the version string bookings carry.
import { privacyNotice202601 } from './2026-01.ts';
import type { PrivacyNotice } from './privacy-notice.ts';

export type * from './privacy-notice.ts';

/** Oldest first; a new version is added beside the others, never in place of one. */
export const privacyNotices: Readonly<Record<string, PrivacyNotice>> = {
  '2026-01': privacyNotice202601,
};

/** The text of `version`, or undefined for a version that never existed. */
export function privacyNotice(version: string): PrivacyNotice | undefined {
  return Object.hasOwn(privacyNotices, version) ? privacyNotices[version] : undefined;
}
