import * as v from 'valibot';

/**
 * What can be wrong in a seating plan's CSV, as stable codes: the console says each in the
 * organizer's language, the API error `invalid_plan_csv` lists them. Apart from the parser so
 * that the error table does not pull the parser (and the plan schema) into every bundle.
 */
export const csvPlanProblems = [
  'empty_file',
  'missing_column',
  'duplicate_column',
  'missing_value',
  'too_long',
  'not_a_number',
  'out_of_range',
  'unknown_flag',
  'duplicate_seat',
  'section_name_differs',
  'too_many_zones',
  'too_many_seats',
  'duplicate_zone',
  'invalid_plan',
] as const;
export type CsvPlanProblemCode = (typeof csvPlanProblems)[number];

/** One problem: the file's line (1 is the header; null for the whole file) and the column's name as the header spells it. */
export const CsvPlanProblem = v.object({
  line: v.nullable(v.number()),
  column: v.nullable(v.string()),
  problem: v.picklist(csvPlanProblems),
  message: v.string(),
  /** The earlier line this one repeats or contradicts (duplicate_seat, section_name_differs). */
  earlier: v.optional(v.number()),
});
export type CsvPlanProblem = v.InferOutput<typeof CsvPlanProblem>;

/** At most this many problems are listed (`total` counts them all): enough to fix a file column by column. */
export const MAX_LISTED_PROBLEMS = 100;
