// Staff sign-in and the roles every route is checked against.
import { z } from 'zod';
import { StaffRole } from './config.ts';

/** "station" is a citizen station calling through its agent, "board" an office's display board; the rest are staff. */
export const roles = [
  'station',
  'board',
  'official',
  'counter',
  'contact-centre',
  'technician',
  'manager',
  'admin',
] as const;
export const Role = z.enum(roles);
export type Role = z.infer<typeof Role>;

export const LoginBody = z
  .object({ username: z.string().min(1).max(40), password: z.string().min(1).max(200) })
  .meta({ id: 'Login' });
export type LoginBody = z.infer<typeof LoginBody>;

export const StaffUser = z.object({
  username: z.string(),
  name: z.string(),
  roles: z.array(StaffRole),
  sede: z.string().optional(),
});
export type StaffUser = z.infer<typeof StaffUser>;

export const LoginResponse = z.object({
  /** Bearer token; also set as an HttpOnly cookie for browsers. */
  token: z.string(),
  expiresAt: z.iso.datetime({ offset: true }),
  user: StaffUser,
});
export type LoginResponse = z.infer<typeof LoginResponse>;
