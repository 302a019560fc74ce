/** LSP wiring (being written). */
export function startServer(): void {
  throw new Error('not yet');
}
