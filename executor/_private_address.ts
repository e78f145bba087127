/**
 * Private addresses (`fetch.block_private_addresses`, `submit
 * --block-private`): loopback, link-local (169.254.0.0/16, where cloud
 * metadata services answer), RFC 1918 and unique-local IPv6 addresses, and
 * the unspecified ones. Checked after DNS resolution, on every redirect hop.
 *
 * @module
 */

/** Why `address` (an IPv4 or IPv6 literal) is private, or null when it is not. */
export function privateAddressReason(address: string): string | null {
  const ip = address.replace(/^\[|\]$/g, "").toLowerCase();
  const v4 = parseIpv4(ip);
  if (v4 !== null) return ipv4Reason(v4);
  if (!ip.includes(":")) return null;
  const words = parseIpv6(ip);
  if (words === null) return null;
  // IPv4-mapped (::ffff:a.b.c.d) carries an IPv4 address.
  if (words.slice(0, 5).every((w) => w === 0) && words[5] === 0xffff) {
    return ipv4Reason([words[6]! >> 8, words[6]! & 0xff, words[7]! >> 8, words[7]! & 0xff]);
  }
  if (words.every((w) => w === 0)) return "an unspecified address";
  if (words.slice(0, 7).every((w) => w === 0) && words[7] === 1) return "a loopback address";
  if ((words[0]! & 0xffc0) === 0xfe80) return "a link-local address";
  if ((words[0]! & 0xfe00) === 0xfc00) return "a unique-local address";
  return null;
}

function ipv4Reason([a, b]: readonly number[]): string | null {
  if (a === 127) return "a loopback address";
  if (a === 0) return "an unspecified address";
  if (a === 169 && b === 254) return "a link-local address";
  if (a === 10 || (a === 172 && b! >= 16 && b! <= 31) || (a === 192 && b === 168)) {
    return "a private (RFC 1918) address";
  }
  return null;
}

function parseIpv4(ip: string): number[] | null {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(ip);
  if (m === null) return null;
  const bytes = m.slice(1).map(Number);
  return bytes.every((b) => b <= 255) ? bytes : null;
}

function parseIpv6(ip: string): number[] | null {
  let text = ip.replace(/%.*$/, ""); // zone id
  const tail = /(\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3})$/.exec(text);
  let extra: number[] = [];
  if (tail !== null) {
    const v4 = parseIpv4(tail[1]!);
    if (v4 === null) return null;
    extra = [(v4[0]! << 8) | v4[1]!, (v4[2]! << 8) | v4[3]!];
    text = text.slice(0, -tail[1]!.length) + "0:0";
  }
  const halves = text.split("::");
  if (halves.length > 2) return null;
  const part = (s: string): number[] | null => {
    if (s === "") return [];
    const out: number[] = [];
    for (const group of s.split(":")) {
      if (!/^[0-9a-f]{1,4}$/.test(group)) return null;
      out.push(parseInt(group, 16));
    }
    return out;
  };
  const head = part(halves[0]!);
  const rest = halves.length === 2 ? part(halves[1]!) : [];
  if (head === null || rest === null) return null;
  const missing = 8 - head.length - rest.length;
  if (halves.length === 1 ? missing !== 0 : missing < 1) return null;
  const words = [...head, ...Array(halves.length === 2 ? missing : 0).fill(0), ...rest];
  if (extra.length === 2) words.splice(6, 2, ...extra);
  return words;
}

/** Resolves a host name to its addresses (default: A and AAAA records with `Deno.resolveDns`). */
export type ResolveHost = (hostname: string) => Promise<string[]>;

/** A and AAAA records of `hostname`; none is an empty list. Needs `--allow-net` to the DNS server. */
export async function resolveWithDns(hostname: string): Promise<string[]> {
  const lookups = await Promise.allSettled([
    Deno.resolveDns(hostname, "A"),
    Deno.resolveDns(hostname, "AAAA"),
  ]);
  const out: string[] = [];
  for (const lookup of lookups) {
    if (lookup.status === "fulfilled") out.push(...lookup.value);
    else if (!(lookup.reason instanceof Deno.errors.NotFound)) throw lookup.reason;
  }
  return out;
}

/**
 * Why the host of `url` may not be fetched with private addresses blocked,
 * or null when every address it resolves to is public. An address literal
 * is checked as is; `localhost` (and `*.localhost`) is loopback whatever DNS
 * says; a name that resolves to nothing is refused too, since the system
 * resolver that fetch uses (e.g. `/etc/hosts`) might still map it to a
 * private address.
 */
export async function privateHostReason(
  url: URL,
  resolve: ResolveHost = resolveWithDns,
): Promise<string | null> {
  const host = url.hostname.replace(/^\[|\]$/g, "").replace(/\.$/, "").toLowerCase();
  if (host === "localhost" || host.endsWith(".localhost")) {
    return `${host} is a loopback address`;
  }
  if (parseIpv4(host) !== null || host.includes(":")) {
    const reason = privateAddressReason(host);
    return reason === null ? null : `${host} is ${reason}`;
  }
  let addresses: string[];
  try {
    addresses = await resolve(host);
  } catch (err) {
    return `${host} could not be resolved to check its addresses (${
      err instanceof Error ? err.message.split("\n")[0] : String(err)
    })`;
  }
  if (addresses.length === 0) return `${host} has no DNS address to check`;
  for (const address of addresses) {
    const reason = privateAddressReason(address);
    if (reason !== null) return `${host} resolves to ${address}, ${reason}`;
  }
  return null;
}
