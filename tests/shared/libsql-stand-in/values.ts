// Hrana's JSON value encoding, both ways (the stand-in's half of the protocol: what the client
// sends as arguments and what it expects back in rows).
//   {type: "null"} · {type: "integer", value: "123"} (a string: 64 bits do not fit a JSON number)
//   {type: "float", value: 1.5} · {type: "text", value: "…"} · {type: "blob", base64: "…"}

export type HranaValue =
  | { type: 'null' }
  | { type: 'integer'; value: string }
  | { type: 'float'; value: number }
  | { type: 'text'; value: string }
  | { type: 'blob'; base64: string };

/** A value as the libsql package binds it (bigint for integers, so none loses precision). */
export type SqlValue = null | bigint | number | string | Buffer;

export class ProtocolError extends Error {}

export function valueFromHrana(value: HranaValue | undefined): SqlValue {
  // The client leaves out `type` for an undefined argument; SQLite binds NULL for a missing one.
  switch (value?.type) {
    case undefined:
    case 'null':
      return null;
    case 'integer':
      return BigInt(value.value);
    case 'float':
      return Number(value.value);
    case 'text':
      return value.value;
    case 'blob':
      return Buffer.from(value.base64, 'base64');
    default:
      throw new ProtocolError(`Unknown value type ${JSON.stringify((value as { type: unknown }).type)}`);
  }
}

export function valueToHrana(value: unknown): HranaValue {
  if (value === null || value === undefined) return { type: 'null' };
  if (typeof value === 'bigint') return { type: 'integer', value: value.toString() };
  // Statements read with safeIntegers: a JS number here is a REAL.
  if (typeof value === 'number') return { type: 'float', value };
  if (typeof value === 'string') return { type: 'text', value };
  if (Buffer.isBuffer(value)) return { type: 'blob', base64: value.toString('base64') };
  throw new ProtocolError(`Cannot encode a ${typeof value} as a Hrana value`);
}
