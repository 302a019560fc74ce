/**
 * Node options the language server runs with. A small young generation keeps the server's peak memory on large
 * workspaces under 200 MB (V8's default reserves 16 MB per semi-space); `npm run bench` shows edit latency does
 * not suffer. The VS Code extension starts the server with these; other editors can pass them to `node`.
 */
export const LSP_EXEC_ARGV: readonly string[] = ['--max-semi-space-size=2'];
