// Looks up sedi and services in the loaded configuration, with errors naming the field.
import type { CatalogResponse, Sede, Service } from '@sportello/protocol';
import type { AppConfig } from '../config/load-config.ts';
import { ApiError } from '../http/api-error.ts';

export function sedeOf(config: AppConfig, id: string, field = 'sede'): Sede {
  const sede = config.sedi.find((s) => s.id === id);
  if (!sede) throw ApiError.field(field, `there is no sede "${id}"`);
  return sede;
}

export function serviceOf(config: AppConfig, id: string, field = 'service'): Service {
  const service = config.services.find((s) => s.id === id);
  if (!service) throw ApiError.field(field, `there is no service "${id}"`);
  return service;
}

export function publicCatalog(config: AppConfig): CatalogResponse {
  return {
    sedi: config.sedi.map(
      ({ id, name, address, municipality, province, region, timezone, publicHours, appointmentHours }) => ({
        id,
        name,
        address,
        municipality,
        province,
        region,
        timezone,
        publicHours,
        appointmentHours,
      }),
    ),
    sectors: config.sectors,
    services: config.services,
    privacyNoticeVersion: config.server.privacyNoticeVersion,
    publicUrl: config.server.publicUrl,
    elderlyPriorityAge: config.server.elderlyPriorityAge,
    almostTurnAhead: config.server.floor.almostTurnAhead,
  };
}
