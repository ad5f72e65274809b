import { lookup } from 'node:dns/promises';

/** Every address a host name resolves to (IPv4 and IPv6), as the system resolver answers: the webhook job refuses private ones. */
export async function resolveAllAddresses(host: string): Promise<string[]> {
  const answers = await lookup(host, { all: true, verbatim: true });
  return answers.map((a) => a.address);
}
