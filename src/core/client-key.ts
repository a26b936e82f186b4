// Who a request comes from, for counting: the limits on public endpoints and the login throttle.
import ipaddr from 'ipaddr.js';

/**
 * The key a client's requests are counted under. An IPv4 address is one client (or one NAT: the limits are roomy
 * for a commune office's Wi-Fi). An IPv6 device or home is given at least a /64 and may take a new address from it
 * at will (privacy addresses), so every address of a /64 counts as one client: per-address limits on IPv6 would stop
 * nobody. An IPv4-mapped IPv6 address (::ffff:a.b.c.d, a dual-stack socket's view of an IPv4 client) counts as its
 * IPv4 address. Anything that does not parse is its own key.
 */
export function clientKey(ip: string): string {
  if (!ip.includes(':')) return ip;
  const bare = ip.split('%')[0]!;
  if (!ipaddr.isValid(bare)) return ip;
  const a = ipaddr.process(bare);
  if (a.kind() === 'ipv4') return a.toString();
  const p = (a as ipaddr.IPv6).parts;
  return `${p.slice(0, 4).map((x) => x.toString(16)).join(':')}::/64`;
}
