/**
 * A Secret `data` value as the API server decodes it (Go's base64.StdEncoding, server/src/schema/base64.ts): its
 * decoded length, or where it stops being valid base64. The decoded text only when the user asked for it
 * (`kubeplan.hover.revealSecrets`): hovers are easily shared on screen.
 */
import { base64ErrorOffset } from '../../schema/base64';
import { plural, startsWith, type Explainer } from './target';

export const explainSecretData: Explainer = (target) => {
  if (target.kind !== 'Secret' || target.path.length !== 2 || !startsWith(target.path, ['data'])) return undefined;
  if (target.on !== 'value' || typeof target.value !== 'string') return undefined;
  return secretDataMarkdown(String(target.path[1]), target.value, target.revealSecrets);
};

export function secretDataMarkdown(key: string, encoded: string, reveal: boolean): string {
  const errorAt = base64ErrorOffset(encoded);
  if (errorAt !== undefined) return `**Secret data** \`${key}\`: not valid base64 (illegal base64 data at input byte ${errorAt}); the API server rejects it.`;
  const decoded = Buffer.from(encoded.replace(/[\r\n]/g, ''), 'base64');
  const lines = [`**Secret data** \`${key}\`: valid base64, ${plural(decoded.length, 'byte')} decoded`];
  if (reveal) {
    const text = decoded.toString('utf8');
    const printable = !text.includes('\uFFFD') && !/[\u0000-\u0008\u000E-\u001F]/.test(text);
    lines.push('', printable ? ['Decoded:', '```', text, '```'].join('\n') : 'Decoded: binary data, not shown.');
  } else {
    lines.push('', 'The decoded value is shown when `kubeplan.hover.revealSecrets` is on.');
  }
  return lines.join('\n');
}
