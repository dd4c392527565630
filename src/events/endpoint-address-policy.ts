import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { BlockList, isIP, type LookupFunction } from 'node:net';

/**
 * Where event deliveries may go (docs/events.md, "SSRF"). Enforced in production unless
 * EVENT_ENDPOINTS_ALLOW_PRIVATE: https only, and no address on the loopback, private, link-local,
 * shared, benchmarking, multicast or cloud-metadata ranges.
 *
 * Names are checked inside the connection's own DNS lookup (`guardedLookup`, given to node:http as its
 * `lookup`), so the address checked is the address connected to: a name that resolves to a public
 * address when saved and to 127.0.0.1 at delivery (DNS rebinding) is refused at delivery.
 */
const REFUSED = new BlockList();
for (const [network, prefix] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['224.0.0.0', 4],
  ['255.255.255.255', 32],
] as const) {
  // BlockList also applies IPv4 rules to IPv4-mapped IPv6 addresses (::ffff:127.0.0.1).
  REFUSED.addSubnet(network, prefix, 'ipv4');
}
for (const [network, prefix] of [
  // ::, ::1 and the deprecated IPv4-compatible forms (::127.0.0.1).
  ['::', 96],
  ['fc00::', 7],
  ['fe80::', 10],
  ['ff00::', 8],
  // The AWS metadata service's IPv6 address (Nitro instances).
  ['fd00:ec2::254', 128],
] as const) {
  REFUSED.addSubnet(network, prefix, 'ipv6');
}

/** An address the policy refuses; `address` is an IP literal (no brackets). */
export function isRefusedAddress(address: string): boolean {
  const family = isIP(address);
  if (family === 0) return true;
  return REFUSED.check(address, family === 4 ? 'ipv4' : 'ipv6');
}

class RefusedAddressError extends Error {
  readonly code = 'EREFUSEDADDRESS';
  constructor(hostname: string, address: string) {
    super(`${hostname} resolves to ${address}, an address event endpoints may not use`);
    this.name = 'RefusedAddressError';
  }
}

/** The hostname of a URL as an IP literal when it is one (`[::1]` → `::1`), else undefined. */
function ipLiteral(url: URL): string | undefined {
  const host = url.hostname.replace(/^\[|\]$/g, '');
  return isIP(host) ? host : undefined;
}

export type UrlVerdict = { ok: true; url: URL } | { ok: false; reason: string };

export class EndpointAddressPolicy {
  constructor(
    /** False outside production and with EVENT_ENDPOINTS_ALLOW_PRIVATE: any http(s) URL goes. */
    readonly enforced: boolean,
    private readonly resolve: LookupFunction = dnsLookup as LookupFunction,
  ) {}

  /**
   * What can be known without DNS: the scheme and IP literals, and at save time the names that are
   * loopback by definition (`localhost`). At delivery, names are left to the connection's lookup, which
   * checks what they resolve to now.
   */
  checkUrl(raw: string, stage: 'save' | 'delivery' = 'save'): UrlVerdict {
    let url: URL;
    try {
      url = new URL(raw);
    } catch {
      return { ok: false, reason: 'url must be an absolute URL' };
    }
    if (url.protocol !== 'https:' && url.protocol !== 'http:') {
      return { ok: false, reason: 'url must be an https URL' };
    }
    if (url.username || url.password) return { ok: false, reason: 'url must not carry credentials' };
    if (!this.enforced) return { ok: true, url };
    if (url.protocol !== 'https:') return { ok: false, reason: 'url must be an https URL' };
    const literal = ipLiteral(url);
    if (literal !== undefined && isRefusedAddress(literal)) {
      return {
        ok: false,
        reason: 'url must not point at a loopback, private, link-local or metadata address',
      };
    }
    const host = url.hostname.toLowerCase().replace(/\.$/, '');
    if (stage === 'save' && (host === 'localhost' || host.endsWith('.localhost'))) {
      return {
        ok: false,
        reason: 'url must not point at a loopback, private, link-local or metadata address',
      };
    }
    return { ok: true, url };
  }

  /**
   * A `lookup` for node:net that refuses the whole connection when any address of the name is refused
   * (not just the first: a connection may fall back to the others).
   */
  guardedLookup(): LookupFunction {
    return (hostname, options, callback) => {
      this.resolve(hostname, { ...options, all: true }, (error, addresses) => {
        if (error) return callback(error, '', 0);
        const list = addresses as unknown as LookupAddress[];
        if (this.enforced) {
          const refused = list.find((entry) => isRefusedAddress(entry.address));
          if (refused) return callback(new RefusedAddressError(hostname, refused.address), '', 0);
        }
        if (options.all) return (callback as unknown as (e: null, a: LookupAddress[]) => void)(null, list);
        const first = list[0];
        if (!first)
          return callback(
            Object.assign(new Error(`${hostname} has no address`), { code: 'ENOTFOUND' }),
            '',
            0,
          );
        callback(null, first.address, first.family);
      });
    };
  }
}
