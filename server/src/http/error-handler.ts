// The one place errors become HTTP answers; internals of unexpected errors never reach the caller.
import type { ServerResponse } from 'node:http';
import type { ErrorRequestHandler, RequestHandler } from 'express';
import type { Logger } from 'pino';
import type { ErrorBody } from '@sportello/protocol';
import { ApiError } from './api-error.ts';

interface BodyParserError {
  type?: string;
  status?: number;
  limit?: number;
}

export function errorHandler(log: Logger): ErrorRequestHandler {
  return (error: unknown, _req, res, next) => {
    if (res.headersSent) return next(error);
    sendError(res, error, log);
  };
}

/** Answers `error` as its status and the JSON error shape; one the server did not expect is logged first. */
export function sendError(res: ServerResponse, error: unknown, log: Logger): void {
  if (res.headersSent) {
    // Half an answer is out (an event stream): the client can only tell by the connection closing.
    log.error({ err: error }, 'failed after the answer began');
    return void res.destroy();
  }
  const known = toApiError(error);
  if (!known) log.error({ err: error }, 'unexpected error');
  const answer = known ?? new ApiError(500, 'internal', 'something went wrong on our side; please try again');
  const body: ErrorBody = { error: { code: answer.code, message: answer.message } };
  if (answer.fields) body.error.fields = answer.fields;
  if (answer.details) body.error.details = answer.details;
  sendJson(res, answer.status, body);
}

/** What Express's res.status(status).json(body) sends, without Express. */
export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  sendBody(res, status, 'application/json; charset=utf-8', JSON.stringify(body));
}

/** A whole body of `type`, its length said. */
export function sendBody(res: ServerResponse, status: number, type: string, body: string | Buffer): void {
  res.statusCode = status;
  res.setHeader('Content-Type', type);
  res.setHeader('Content-Length', Buffer.byteLength(body));
  res.end(body);
}

function toApiError(error: unknown): ApiError | undefined {
  if (error instanceof ApiError) return error;
  const parserError = error as BodyParserError;
  switch (parserError?.type) {
    case 'entity.parse.failed':
      return new ApiError(400, 'invalid_json', 'the request body is not a valid JSON object');
    case 'entity.too.large':
      return new ApiError(
        413,
        'body_too_large',
        `the request body is larger than ${parserError.limit} bytes`,
      );
    case 'encoding.unsupported':
    case 'charset.unsupported':
      return new ApiError(415, 'unsupported_encoding', 'send the body as UTF-8 JSON');
  }
  return undefined;
}

export const notFoundHandler: RequestHandler = (req, res) => {
  const body: ErrorBody = { error: { code: 'not_found', message: `no route ${req.method} ${req.path}` } };
  res.status(404).json(body);
};
