/**
 * Addresses a webhook must never be sent to: this network's own (loopback, private, link-local,
 * CGNAT, unique-local), unspecified, multicast, reserved and documentation ranges, in IPv4 and
 * IPv6, IPv4-mapped and NAT64 IPv6 judged by their IPv4 part. Otherwise an organizer could make
 * the API call its own admin interfaces or a cloud metadata service (SSRF).
 */

/** [first octets as a 32-bit number, prefix length] */
const privateV4: [string, number][] = [
  ['0.0.0.0', 8], // "this network", unspecified
  ['10.0.0.0', 8],
  ['100.64.0.0', 10], // CGNAT
  ['127.0.0.0', 8],
  ['169.254.0.0', 16], // link-local (cloud metadata)
  ['172.16.0.0', 12],
  ['192.0.0.0', 24], // IETF protocol assignments
  ['192.0.2.0', 24], // documentation
  ['192.88.99.0', 24], // 6to4 relay
  ['192.168.0.0', 16],
  ['198.18.0.0', 15], // benchmarking
  ['198.51.100.0', 24],
  ['203.0.113.0', 24],
  ['224.0.0.0', 4], // multicast
  ['240.0.0.0', 4], // reserved, broadcast
];

export function parseIPv4(text: string): number | null {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(text);
  if (!m) return null;
  const parts = m.slice(1).map(Number);
  if (parts.some((p) => p > 255)) return null;
  return ((parts[0]! << 24) | (parts[1]! << 16) | (parts[2]! << 8) | parts[3]!) >>> 0;
}

function v4Private(address: number): boolean {
  return privateV4.some(([base, bits]) => {
    const mask = bits === 0 ? 0 : (0xffffffff << (32 - bits)) >>> 0;
    return (address & mask) >>> 0 === (parseIPv4(base)! & mask) >>> 0;
  });
}

/** Eight 16-bit groups, or null. Accepts `::` and a dotted IPv4 tail; a zone (`%eth0`) is dropped. */
export function parseIPv6(text: string): number[] | null {
  let s = text.replace(/^\[|\]$/g, '').split('%')[0]!.toLowerCase();
  const tail = /(\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3})$/.exec(s);
  if (tail) {
    const v4 = parseIPv4(tail[1]!);
    if (v4 === null) return null;
    s = `${s.slice(0, -tail[1]!.length)}${(v4 >>> 16).toString(16)}:${(v4 & 0xffff).toString(16)}`;
  }
  const halves = s.split('::');
  if (halves.length > 2) return null;
  const groups = (h: string) => (h === '' ? [] : h.split(':'));
  const head = groups(halves[0]!);
  const rest = halves.length === 2 ? groups(halves[1]!) : [];
  if (halves.length === 1 && head.length !== 8) return null;
  if (halves.length === 2 && head.length + rest.length > 7) return null;
  const all = [...head, ...Array(8 - head.length - rest.length).fill('0'), ...rest];
  if (!all.every((g) => /^[0-9a-f]{1,4}$/.test(g))) return null;
  return all.map((g) => parseInt(g, 16));
}

function v6Private(g: number[]): boolean {
  const v4Of = () => (((g[6]! << 16) | g[7]!) >>> 0);
  if (g.slice(0, 6).every((x) => x === 0)) return true; // ::, ::1, IPv4-compatible ::a.b.c.d (deprecated)
  if (g.slice(0, 5).every((x) => x === 0) && g[5] === 0xffff) return v4Private(v4Of()); // IPv4-mapped
  if (g[0] === 0x64 && g[1] === 0xff9b && g.slice(2, 6).every((x) => x === 0)) return v4Private(v4Of()); // NAT64
  if ((g[0]! & 0xfe00) === 0xfc00) return true; // fc00::/7 unique local
  if ((g[0]! & 0xffc0) === 0xfe80) return true; // fe80::/10 link-local
  if ((g[0]! & 0xffc0) === 0xfec0) return true; // fec0::/10 site-local (deprecated)
  if ((g[0]! & 0xff00) === 0xff00) return true; // multicast
  if (g[0] === 0x2001 && g[1] === 0x0db8) return true; // documentation
  if (g[0] === 0x0100 && g.slice(1, 4).every((x) => x === 0)) return true; // discard-only
  return false;
}

/** Whether an IP address (v4 dotted, or v6 with or without brackets) is one we never send to. Unparseable: true. */
export function isPrivateAddress(ip: string): boolean {
  const v4 = parseIPv4(ip);
  if (v4 !== null) return v4Private(v4);
  const v6 = parseIPv6(ip);
  return v6 === null ? true : v6Private(v6);
}

/** Whether a URL's hostname (as `new URL()` writes it) is an IP literal. */
export const isIpLiteral = (hostname: string) => hostname.startsWith('[') || parseIPv4(hostname) !== null;

/**
 * Whether a URL's hostname is private without any DNS: `localhost` (and `*.localhost`), or an IP
 * literal in a private range. `new URL()` has already turned `0x7f.1` and `2130706433` into 127.0.0.1.
 */
export function isPrivateHostname(hostname: string): boolean {
  const host = hostname.toLowerCase().replace(/\.$/, '');
  if (host === 'localhost' || host.endsWith('.localhost')) return true;
  return isIpLiteral(host) ? isPrivateAddress(host) : false;
}
