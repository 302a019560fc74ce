/**
 * SetDefaults_ResourceList (pkg/apis/core/v1/defaults.go): every quantity of a resource list rounded up to milli
 * precision and stored in its canonical form.
 */
import type { PlainObject } from '../kube/plain-values';
import { formatQuantity, quantityOf, roundUpQuantity } from '../kube/quantity';

/** resource.Milli: the scale SetDefaults_ResourceList rounds up to. */
const MILLI = -3;

/** Quantity.RoundUp(resource.Milli), then the canonical form the API server stores; unparseable values are left alone. */
export function roundUpResourceList(list: PlainObject | undefined): void {
  if (!list) return;
  for (const [name, value] of Object.entries(list)) {
    const quantity = quantityOf(value);
    if (quantity) list[name] = formatQuantity(roundUpQuantity(quantity, MILLI));
  }
}
