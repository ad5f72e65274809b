import { vValidator } from '@hono/valibot-validator';
import type { ValidationTargets } from 'hono';
import * as v from 'valibot';
import { ApiError } from './errors.js';

const targetNames: Partial<Record<keyof ValidationTargets, string>> = {
  json: 'request body',
  query: 'query string',
  param: 'path',
  header: 'headers',
};

/** Turns valibot issues into "seats[0].seatId: must be …" lines a person can act on. */
export function describeIssues(issues: readonly v.BaseIssue<unknown>[]): { path: string; message: string }[] {
  return issues.slice(0, 10).map((issue) => ({
    path: v.getDotPath(issue) ?? '',
    message: issue.message,
  }));
}

/**
 * The schema each validator middleware checks, by middleware: a test reads the app's routes
 * and holds each operation's params, query and body to the very schema objects its route
 * validates with.
 */
export const validatedSchemas = new WeakMap<object, { target: keyof ValidationTargets; schema: v.GenericSchema }>();

/** vValidator whose failures become the one error envelope (400 invalid_request). */
export function validate<Target extends keyof ValidationTargets, Schema extends v.GenericSchema>(target: Target, schema: Schema) {
  const middleware = validator(target, schema);
  validatedSchemas.set(middleware, { target, schema });
  return middleware;
}

function validator<Target extends keyof ValidationTargets, Schema extends v.GenericSchema>(target: Target, schema: Schema) {
  // valibot's object() also accepts arrays; a JSON body must be an object.
  const checked = target === 'json' ? (v.pipe(v.custom((input) => typeof input === 'object' && input !== null && !Array.isArray(input), 'must be a JSON object'), schema) as unknown as Schema) : schema;
  return vValidator(target, checked, (result) => {
    if (!result.success) {
      const issues = describeIssues(result.issues);
      const first = issues[0];
      const where = first?.path ? `${first.path}: ` : '';
      throw new ApiError(400, 'invalid_request', `The ${targetNames[target] ?? target} is not valid. ${where}${first?.message ?? ''}`.trim(), {
        issues,
      });
    }
  });
}
