// The phone rules the project ships: libphonenumber-js's full ("max") metadata cut to the two number types it
// needs, fixed_line (a landline: the kiosk says so and no SMS goes to it) and mobile. This is what
// libphonenumber-metadata-generator writes with `--types fixed_line,mobile`; that tool downloads Google's XML,
// which our machines cannot reach, so the slice is taken from the metadata of the installed version instead.
import type { MetadataJson } from 'libphonenumber-js/core';

/** In a minified numbering plan, the types' positions: [fixed_line, mobile, toll_free, …] at index 11. */
const TYPES = 11;
const KEPT_TYPES = 2;

type Plan = unknown[];

function slicePlan(plan: Plan): Plan {
  const types = plan[TYPES];
  if (!Array.isArray(types)) return plan;
  const kept = types.slice(0, KEPT_TYPES);
  // The generator's minifier writes an absent type as 0 and drops trailing ones.
  while (kept.length > 0 && !kept.at(-1)) kept.pop();
  const sliced = [...plan];
  sliced[TYPES] = kept.length > 0 ? kept : 0;
  while (sliced.length > 0 && (sliced.at(-1) === 0 || sliced.at(-1) === undefined)) sliced.pop();
  return sliced;
}

const mapValues = (record: Record<string, Plan>) =>
  Object.fromEntries(Object.entries(record).map(([key, plan]) => [key, slicePlan(plan)]));

export function slicePhoneMetadata(max: MetadataJson): MetadataJson {
  const full = max as unknown as {
    countries: Record<string, Plan>;
    nonGeographic?: Record<string, Plan>;
  };
  return {
    ...max,
    countries: mapValues(full.countries),
    ...(full.nonGeographic && { nonGeographic: mapValues(full.nonGeographic) }),
  } as unknown as MetadataJson;
}
