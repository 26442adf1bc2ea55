// The loopback API's answer to a body that does not fit its schema: 400, each field named with what is wrong.
import type { Response } from 'express';
import type { z } from 'zod';

export interface FieldProblem {
  path: string;
  message: string;
}

export function fieldProblems(error: z.ZodError): FieldProblem[] {
  return error.issues.map((i) => ({ path: i.path.join('.') || '(body)', message: i.message }));
}

export function sendValidationFailed(res: Response, fields: FieldProblem[]): void {
  const message = fields.map((f) => `${f.path}: ${f.message}`).join('; ');
  res.status(400).json({ error: { code: 'validation_failed', message, fields } });
}
