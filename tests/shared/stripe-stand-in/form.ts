// Reads a Stripe request body: application/x-www-form-urlencoded with Stripe's bracket notation
// (`metadata[order]=7`, `payment_method_options[card][capture_method]=manual`, `expand[0]=latest_charge`)
// into nested objects; a bracket level whose keys are all 0, 1, 2 … becomes an array.
// Web standards only (it runs inside workerd as well as Node).

export type FormValue = string | FormValue[] | { [key: string]: FormValue };
export type FormObject = { [key: string]: FormValue };

/** `a[b][c]` → ['a', 'b', 'c']; `a[]` → ['a', ''] (appended). */
function keyPath(name: string): string[] | null {
  const open = name.indexOf('[');
  if (open === -1) return [name];
  const parts = [name.slice(0, open)];
  let rest = name.slice(open);
  while (rest.length > 0) {
    const match = /^\[([^\[\]]*)\]/.exec(rest);
    if (!match) return null;
    parts.push(match[1] ?? '');
    rest = rest.slice(match[0].length);
  }
  return parts;
}

/** Parses a form body into nested objects; throws a message naming the bad parameter. */
export function parseForm(body: string): FormObject {
  const root: FormObject = {};
  for (const [name, value] of new URLSearchParams(body)) {
    const path = keyPath(name);
    if (!path || path[0] === '') throw new Error(`Invalid parameter name: ${name}`);
    let node: FormObject = root;
    for (let i = 0; i < path.length - 1; i++) {
      const part = path[i]!;
      const next = node[part];
      if (next === undefined) {
        const created: FormObject = {};
        node[part] = created;
        node = created;
      } else if (typeof next === 'object' && !Array.isArray(next)) {
        node = next;
      } else {
        throw new Error(`Invalid parameter: ${name} (${path.slice(0, i + 1).join('.')} is not a hash)`);
      }
    }
    let last = path[path.length - 1]!;
    if (last === '') last = String(Object.keys(node).length);
    if (typeof node[last] === 'object') throw new Error(`Invalid parameter: ${name} (both a value and a hash)`);
    node[last] = value;
  }
  return arraysFromIndexes(root) as FormObject;
}

function arraysFromIndexes(value: FormValue): FormValue {
  if (typeof value === 'string' || Array.isArray(value)) return value;
  const keys = Object.keys(value);
  for (const key of keys) value[key] = arraysFromIndexes(value[key]!);
  if (keys.length > 0 && keys.every((k) => /^\d+$/.test(k))) {
    const sorted = keys.map(Number).sort((a, b) => a - b);
    if (sorted.every((n, i) => n === i)) return sorted.map((n) => value[String(n)]!);
  }
  return value;
}

/** A canonical text of parameters (keys sorted), so two requests compare equal whatever their order. */
export function canonical(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  const entries = Object.keys(value as object)
    .sort()
    .map((k) => `${JSON.stringify(k)}:${canonical((value as Record<string, unknown>)[k])}`);
  return `{${entries.join(',')}}`;
}
