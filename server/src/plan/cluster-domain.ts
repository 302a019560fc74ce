/** The cluster domain a plan's DNS records live under, as the CLI, the request and the settings take it. */
import { isDns1123Subdomain } from '../rules/apimachinery-validation';

/**
 * Why the domain cannot be a cluster domain, or undefined when it can. Like the kubelet's `--cluster-domain`, it
 * is a lowercase DNS subdomain, written without the final dot.
 */
export function clusterDomainProblem(domain: string): string | undefined {
  const errors = isDns1123Subdomain(domain);
  return errors.length > 0 ? `cluster domain ${JSON.stringify(domain)}: ${errors.join('; ')}` : undefined;
}
