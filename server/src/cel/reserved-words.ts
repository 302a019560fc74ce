/**
 * The words CEL reserves (cel-go parser's reserved identifiers, as staging/src/k8s.io/apiserver/pkg/cel/escaping.go
 * lists them for cel.Escape): no variable may be named so, and a property named so is escaped as `__word__`.
 */
export const CEL_RESERVED_WORDS: ReadonlySet<string> = new Set([
  'true',
  'false',
  'null',
  'in',
  'as',
  'break',
  'const',
  'continue',
  'else',
  'for',
  'function',
  'if',
  'import',
  'let',
  'loop',
  'package',
  'namespace',
  'return',
  'var',
  'void',
  'while',
]);
