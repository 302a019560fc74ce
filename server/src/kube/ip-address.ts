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
