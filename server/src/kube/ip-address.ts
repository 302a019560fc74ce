/**
 * IP addresses as the API server reads them: k8s.io/utils/net ParseIPSloppy, which is Go 1.16's net.ParseIP —
 * dotted IPv4 (leading zeros allowed), or IPv6 with at most one `::` and an optional dotted IPv4 tail; no zone.
 */
const DECIMAL = /^[0-9]+$/;
const HEX_GROUP = /^[0-9a-fA-F]{1,4}$/;

function isIPv4(value: string): boolean {
  const parts = value.split('.');
  return parts.length === 4 && parts.every((part) => DECIMAL.test(part) && Number(part) <= 255);
}

function isIPv6(value: string): boolean {
  const halves = value.split('::');
  if (halves.length > 2) return false;
  const groups = halves.map((half) => (half === '' ? [] : half.split(':')));
  let count = 0;
  for (const [h, half] of groups.entries()) {
    for (const [g, group] of half.entries()) {
      const last = h === groups.length - 1 && g === half.length - 1;
      if (last && group.includes('.')) {
        if (!isIPv4(group)) return false;
        count += 2;
      } else if (HEX_GROUP.test(group)) count += 1;
      else return false;
    }
  }
  return halves.length === 2 ? count <= 7 : count === 8;
}

/** Whether ParseIPSloppy accepts the text. */
export function isSloppyIP(value: string): boolean {
  return value.includes(':') ? isIPv6(value) : isIPv4(value);
}

/** The 16 bytes of an address ParseIPSloppy accepts (IPv4 as IPv4-mapped IPv6, as Go holds it), else undefined. */
export function parseSloppyIP(value: string): Uint8Array | undefined {
  if (!isSloppyIP(value)) return undefined;
  const bytes = new Uint8Array(16);
  if (!value.includes(':')) {
    bytes[10] = 0xff;
    bytes[11] = 0xff;
    value.split('.').forEach((part, i) => {
      bytes[12 + i] = Number(part);
    });
    return bytes;
  }
  const groupsOf = (half: string): number[] => {
    const groups: number[] = [];
    for (const group of half === '' ? [] : half.split(':')) {
      if (group.includes('.')) {
        const [a, b, c, d] = group.split('.').map(Number) as [number, number, number, number];
        groups.push((a << 8) | b, (c << 8) | d);
      } else groups.push(Number.parseInt(group, 16));
    }
    return groups;
  };
  const [head = '', tail] = value.split('::');
  const front = groupsOf(head);
  const back = tail === undefined ? [] : groupsOf(tail);
  const groups = [...front, ...new Array<number>(8 - front.length - back.length).fill(0), ...back];
  groups.forEach((group, i) => {
    bytes[2 * i] = group >> 8;
    bytes[2 * i + 1] = group & 0xff;
  });
  return bytes;
}

/** net.IP.To4: the address is IPv4, written as such or IPv4-mapped (::ffff:a.b.c.d). */
export function isIPv4Bytes(ip: Uint8Array): boolean {
  for (let i = 0; i < 10; i++) if (ip[i] !== 0) return false;
  return ip[10] === 0xff && ip[11] === 0xff;
}

/** A network as ParseCIDRSloppy returns it. */
export interface Cidr {
  /** The masked network address: 4 bytes for a dotted IPv4 value, 16 for an IPv6 one. */
  bytes: number[];
  prefix: number;
}

/**
 * k8s.io/utils/net ParseCIDRSloppy: Go 1.16's net.ParseCIDR, which takes IPv4 octets with leading zeros. The
 * address is IPv4 (4 bytes) when written without `:`, else IPv6 (16 bytes); the prefix is decimal and fits it.
 */
export function parseCidrSloppy(value: string): Cidr | undefined {
  const slash = value.indexOf('/');
  if (slash < 0) return undefined;
  const address = value.slice(0, slash);
  const length = value.slice(slash + 1);
  const ip = parseSloppyIP(address);
  if (!ip || !DECIMAL.test(length)) return undefined;
  const bytes = Array.from(address.includes(':') ? ip : ip.subarray(12));
  const prefix = Number(length);
  if (prefix > bytes.length * 8) return undefined;
  return { bytes: bytes.map((b, i) => b & maskByte(prefix, i)), prefix };
}

/** IPNet.Contains: an IPv4-mapped IPv6 address is compared with an IPv4 network as IPv4. */
export function cidrContains(network: Cidr, address: readonly number[]): boolean {
  let ip = address;
  if (ip.length === 16 && network.bytes.length === 4 && ip.slice(0, 10).every((b) => b === 0) && ip[10] === 0xff && ip[11] === 0xff) ip = ip.slice(12);
  if (ip.length !== network.bytes.length) return false;
  return ip.every((b, i) => (b & maskByte(network.prefix, i)) === network.bytes[i]);
}

function maskByte(prefix: number, index: number): number {
  const bits = Math.min(8, Math.max(0, prefix - index * 8));
  return (0xff << (8 - bits)) & 0xff;
}
