/**
 * Resource quantities in plain numbers: `1.5Gi` = 1536Mi = 1,610,612,736 bytes, `500m` = 0.5 CPU. A quantity is
 * read as apimachinery stores it (nano precision, rounded up) and printed in its canonical form; CPU counts
 * cores, everything else counts units (bytes for memory and storage), which the kubelet and scheduler read with
 * Value(), rounding up.
 */
import { formatQuantity, parseQuantity, type Quantity } from '../../kube/quantity';
import { groupDigits, type Explainer } from './target';

const NANOS = 1_000_000_000n;

/** Hovered values whose schema says Quantity, with the resource they measure (the map key, if any). */
export const explainQuantity: Explainer = (target) => {
  if (target.on !== 'value' || target.goType !== 'resource.Quantity') return undefined;
  const value = target.value;
  if (typeof value !== 'string' && typeof value !== 'number') return undefined;
  const resource = target.path[target.path.length - 1];
  return quantityMarkdown(value, typeof resource === 'string' ? resource : '');
};

export function quantityMarkdown(written: string | number, resource: string): string {
  const parsed = parseQuantity(written);
  if (!parsed.ok) return `**Quantity** \`${written}\` is not valid: ${parsed.error}`;
  const quantity = parsed.quantity;
  const canonical = formatQuantity(quantity);
  const same = canonical === String(written) ? '' : ` = ${canonical}`;
  const head = `**Quantity** \`${written}\`${same}`;
  if (resource === 'cpu' || resource.endsWith('.cpu')) return `${head} = ${cores(quantity)}`;
  const units = roundedUp(quantity);
  const bytes = isBytes(resource);
  let text = `${head} = ${groupDigits(units)} ${bytes ? (units === 1n ? 'byte' : 'bytes') : units === 1n ? 'unit' : 'units'}`;
  if (bytes && quantity.nanos % NANOS !== 0n) {
    text += `\n\n\`m\` is milli: this is a fraction of a byte, rounded up to ${groupDigits(units)}. Mebibytes are \`Mi\`, megabytes \`M\`.`;
  }
  return text;
}

function cores(quantity: Quantity): string {
  const millis = (quantity.nanos + 999_999n) / 1_000_000n;
  const whole = millis / 1000n;
  const fraction = (millis % 1000n).toString().padStart(3, '0').replace(/0+$/, '');
  const amount = fraction ? `${whole}.${fraction}` : `${whole}`;
  return `${amount} CPU (${groupDigits(millis)} millicores)`;
}

/** Value(): the quantity rounded up to a whole unit. */
function roundedUp(quantity: Quantity): bigint {
  return quantity.nanos / NANOS + (quantity.nanos % NANOS > 0n ? 1n : 0n);
}

function isBytes(resource: string): boolean {
  return /(?:^|\.)(?:memory|storage|ephemeral-storage)$/.test(resource) || resource.startsWith('hugepages-') || resource === 'sizeLimit';
}
