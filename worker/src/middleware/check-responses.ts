import type { MiddlewareHandler } from 'hono';
import { matchedRoutes } from 'hono/route';
import * as v from 'valibot';
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
      const result = v.safeParse(schema, await c.res.clone().json());
      if (!result.success) for (const issue of result.issues.slice(0, 10)) problems.push(`${v.getDotPath(issue) ?? '(root)'}: ${issue.message}`);
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
