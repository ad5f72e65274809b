/**
 * What a client is counted by: an IPv4 address as it is, an IPv6 address by its /64 (a home or
 * a server is handed a whole /64, so single IPv6 addresses would each get a fresh allowance).
 * Callers whose address is unknown share one key.
 */
export function clientKey(address: string | undefined): string {
  const trimmed = address?.trim().replace(/%.*$/, '') ?? '';
  if (trimmed === '') return 'unknown';
  const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i.exec(trimmed);
  if (mapped) return mapped[1]!;
  if (!trimmed.includes(':')) return trimmed;
  return `${ipv6Groups(trimmed).slice(0, 4).join(':')}::/64`;
}

/** The 8 groups of an IPv6 address, `::` expanded, without leading zeros, lower case. */
function ipv6Groups(address: string): string[] {
  const [head = '', tail] = address.split('::');
  const split = (part: string) => (part === '' ? [] : part.split(':'));
  // An embedded IPv4 address (…:1.2.3.4) fills the last two groups.
  const width = (groups: string[]) => groups.reduce((n, g) => n + (g.includes('.') ? 2 : 1), 0);
  const left = split(head);
  const right = tail === undefined ? [] : split(tail);
  const zeros = tail === undefined ? [] : Array<string>(Math.max(0, 8 - width(left) - width(right))).fill('0');
  return [...left, ...zeros, ...right].map((g) => (g.includes('.') ? g : (parseInt(g, 16) || 0).toString(16)));
}
