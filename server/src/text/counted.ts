/** A count with its noun in agreement: `1 pod`, `2 pods`, `0 errors`; irregular plurals given (`ingresses`). */
export function counted(n: number, noun: string, plural = `${noun}s`): string {
  return `${n} ${n === 1 ? noun : plural}`;
}
