/** IPv4 addresses and CIDR blocks as 32-bit numbers, for the cluster's address allocators. */

export interface Ipv4Block {
  /** The network address. */
  base: number;
  prefixLength: number;
  /** Number of addresses in the block, network and broadcast included. */
  size: number;
}

/** A dotted quad as a number, or undefined when the text is no IPv4 address (Go's net.ParseIP, IPv4 only). */
export function parseIpv4(text: string): number | undefined {
  const parts = text.split('.');
  if (parts.length !== 4) return undefined;
  let value = 0;
  for (const part of parts) {
    if (!/^\d{1,3}$/.test(part)) return undefined;
    const octet = Number(part);
    if (octet > 255) return undefined;
    value = value * 256 + octet;
  }
  return value;
}

export function formatIpv4(value: number): string {
  return [24, 16, 8, 0].map((shift) => Math.floor(value / 2 ** shift) % 256).join('.');
}

/** `10.96.0.0/12` as a block; the address is masked to the prefix as Go's net.ParseCIDR does. */
export function parseCidr(text: string): Ipv4Block | undefined {
  const slash = text.indexOf('/');
  if (slash < 0) return undefined;
  const address = parseIpv4(text.slice(0, slash));
  const lengthText = text.slice(slash + 1);
  if (address === undefined || !/^\d{1,2}$/.test(lengthText)) return undefined;
  const prefixLength = Number(lengthText);
  if (prefixLength > 32) return undefined;
  const size = 2 ** (32 - prefixLength);
  return { base: address - (address % size), prefixLength, size };
}

export function formatCidr(block: Ipv4Block): string {
  return `${formatIpv4(block.base)}/${block.prefixLength}`;
}

export function blockContains(block: Ipv4Block, address: number): boolean {
  return address >= block.base && address < block.base + block.size;
}
