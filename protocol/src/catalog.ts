// What the kiosk and console show about the institute: sedi, sectors and the services catalog.
import { z } from 'zod';
import { Sector, Sede, Service } from './config.ts';

export const PublicSede = Sede.pick({
  id: true,
  name: true,
  address: true,
  municipality: true,
  province: true,
  region: true,
  timezone: true,
  publicHours: true,
  appointmentHours: true,
});
export type PublicSede = z.infer<typeof PublicSede>;

export const CatalogResponse = z
  .object({
    sedi: z.array(PublicSede),
    sectors: z.array(Sector),
    services: z.array(Service),
    /** The notice citizens accept before booking; bookings must carry this version. */
    privacyNoticeVersion: z.string(),
    /** Base of links given to citizens (queue tracking, web meetings). */
    publicUrl: z.string(),
    /** From this age the kiosk offers the elderly priority to a citizen it identified. */
    elderlyPriorityAge: z.number().int(),
    /** The kiosk offers the "tocca a te tra poco" SMS, sent when this many people are ahead. */
    almostTurnAhead: z.number().int(),
  })
  .meta({ id: 'Catalog' });
export type CatalogResponse = z.infer<typeof CatalogResponse>;
