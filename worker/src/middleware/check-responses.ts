import type { MiddlewareHandler } from 'hono';
import { matchedRoutes } from 'hono/route';
import * as v from 'valibot';
import { errorCodes, isErrorCode } from '../../../contract/errors.js';
import type { ContractSchema, MediaResponse } from '../../../contract/operation.js';
import { findOperation } from '../../../contract/operations/index.js';
import { ErrorEnvelope } from '../../../contract/responses/error.js';
import type { AppEnv } from '../env.js';
import { ApiError } from '../errors.js';

/** How many answers were checked against the contract in this process (or isolate), for the suites' summaries. */
export const responseChecks = { validated: 0, violations: 0 };

const isMedia = (answer: unknown): answer is MediaResponse => typeof answer === 'object' && answer !== null && 'mediaType' in answer && !('kind' in answer);

/**
 * Checks every answer against its operation in the contract: a documented status, the body of
 * a JSON answer valid against its schema (errors against the error envelope), the media type
 * of a PDF or CSV. A mismatch becomes a 500 `response_contract_violation` naming the operation
 * and the paths of the issues, so the test that made the request fails where it happened.
 * For tests and staging only: it reads every answer twice.
 */
export function checkResponses(): MiddlewareHandler<AppEnv> {
  return async function checkResponses(c, next) {
    await next();
    const route = matchedRoutes(c).filter((r) => r.method !== 'ALL').at(-1);
    // Unknown routes (404 route_not_found) and preflights have no operation; their answer is still an error envelope.
    const operation = route && findOperation(c.req.method, route.path);
    const status = c.res.status;
    const type = c.res.headers.get('Content-Type') ?? '';
    const problems: string[] = [];
    let schema: ContractSchema | undefined;
    if (status >= 400 || !operation) {
      if (type.startsWith('application/json')) schema = ErrorEnvelope;
      else if (status >= 400) problems.push(`an error answered ${type || 'without a body type'}, not the JSON error envelope`);
    } else {
      const documented = operation.responses[status];
      if (documented === undefined) problems.push(`status ${status} is not documented (documented: ${Object.keys(operation.responses).join(', ')})`);
      else if (isMedia(documented)) {
        if (!type.startsWith(documented.mediaType)) problems.push(`answered ${type}, documented ${documented.mediaType}`);
      } else if (documented !== null) {
        if (type.startsWith('application/json')) schema = documented;
        else problems.push(`answered ${type || 'no body type'}, documented JSON`);
      }
    }
    if (schema) {
      const body: unknown = await c.res.clone().json();
      const result = v.safeParse(schema, body);
      if (!result.success) for (const issue of result.issues.slice(0, 10)) problems.push(`${v.getDotPath(issue) ?? '(root)'}: ${issue.message}`);
      else if (schema === ErrorEnvelope) problems.push(...errorTableProblems((body as ErrorEnvelope).error, status));
    }
    responseChecks.validated++;
    if (problems.length === 0) return;
    responseChecks.violations++;
    const name = operation ? `${operation.id} (${operation.method.toUpperCase()} ${operation.path})` : `${c.req.method} ${c.req.path}`;
    const error = new ApiError(500, 'response_contract_violation', `The ${status} answer of ${name} does not match the contract: ${problems.join('; ')}`, {
      operation: operation?.id ?? null,
      status,
      issues: problems,
    });
    console.error(JSON.stringify({ level: 'error', event: 'response_contract_violation', ...error.toEnvelope().error }));
    c.res = new Response(JSON.stringify(error.toEnvelope()), { status: 500, headers: { 'Content-Type': 'application/json' } });
  };
}

/** An error answer must use a code of the table, with the table's status and details of its shape. */
function errorTableProblems(error: ErrorEnvelope['error'], status: number): string[] {
  if (!isErrorCode(error.code)) return [`error.code ${error.code} is not in contract/errors.ts`];
  const spec: { status: number; details?: v.GenericSchema } = errorCodes[error.code];
  const problems: string[] = [];
  if (spec.status !== status) problems.push(`${error.code} answered ${status}, the table says ${spec.status}`);
  if (spec.details) {
    const details = v.safeParse(spec.details, error.details);
    if (!details.success) for (const issue of details.issues.slice(0, 5)) problems.push(`error.details.${v.getDotPath(issue) ?? ''}: ${issue.message}`);
  } else if (error.details !== undefined) problems.push(`${error.code} carries details the table does not declare`);
  return problems;
}
