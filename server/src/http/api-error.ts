// Operational errors: thrown by services, turned into { error: { code, message, fields?, details? } }.
import type { z } from 'zod';

export interface FieldProblem {
  path: string;
  message: string;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly fields?: FieldProblem[],
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'ApiError';
  }

  /** A 400 naming one bad field. */
  static field(path: string, message: string): ApiError {
    return new ApiError(400, 'validation_failed', `${path}: ${message}`, [{ path, message }]);
  }

  static notFound(what: string): ApiError {
    return new ApiError(404, 'not_found', `${what} not found`);
  }
}

/** Turns zod issues into one field problem each, paths written as in the request (`citizen.phone`). */
export function fieldsOf(error: z.ZodError, prefix?: string): FieldProblem[] {
  return error.issues.map((issue) => ({
    path: [prefix, ...issue.path.map(String)].filter(Boolean).join('.') || '(body)',
    message: issue.message,
  }));
}

export function validationError(error: z.ZodError, prefix?: string): ApiError {
  const fields = fieldsOf(error, prefix);
  return new ApiError(
    400,
    'validation_failed',
    fields.map((f) => `${f.path}: ${f.message}`).join('; '),
    fields,
  );
}
