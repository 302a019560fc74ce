/**
 * CEL for the whole product: compiling an expression once against the variables its caller declares, and
 * evaluating it over Kubernetes objects. The implementation is @bufbuild/cel with its strings extension (the
 * API server's base environment has cel-go's ext.Strings) and the Kubernetes libraries of library.ts.
 *
 * What is checked when compiling, as cel-go's parser and checker check it for the API server
 * (staging/src/k8s.io/apiserver/pkg/cel/environment/base.go):
 * - the expression's size, at most 100,000 code points (cel-go parser.ExpressionSizeCodePointLimit, the default
 *   the API server keeps), and its nesting, at most 250 deep (parser.MaxRecursionDepth);
 * - the syntax;
 * - every identifier is a declared variable, a comprehension's variable or a type name (the checker's
 *   "undeclared reference"), and no function of a library this module does not offer is called.
 * Types are not checked: @bufbuild/cel has no checker, so a type mistake shows when the expression is evaluated.
 *
 * Cost: the API server stops an expression whose actual cost passes celconfig.PerCallLimit (1,000,000) with
 * "operation cancelled: actual cost limit exceeded". @bufbuild/cel counts no cost, so before evaluating this module
 * bounds it instead: the expression's node count times (longest list or map of the inputs + 1) to the power of its
 * comprehension nesting; over the limit, the expression is not run and fails with upstream's error. The bound is
 * pessimistic: an expression upstream would finish may be stopped, never the other way round.
 */
import type { CelEnv, CelInput, CelValue } from '@bufbuild/cel';
import { GO_MATCHES, kubernetesLibrary, UNSUPPORTED_LIBRARY_FUNCTIONS } from './library';
import { celExtensions, celRuntime } from './runtime';
import { largestCollection } from './values';

/** cel-go parser.ExpressionSizeCodePointLimit's default. */
export const EXPRESSION_SIZE_CODE_POINT_LIMIT = 100_000;
/** cel-go parser.MaxRecursionDepth's default. */
export const MAX_RECURSION_DEPTH = 250;
/** celconfig.PerCallLimit (staging/src/k8s.io/apiserver/pkg/apis/cel/config.go). */
export const PER_CALL_COST_LIMIT = 1_000_000;
export const COST_LIMIT_EXCEEDED = 'operation cancelled: actual cost limit exceeded';

/** A node of the syntax tree @bufbuild/cel's parser builds. */
type Expr = ReturnType<typeof import('@bufbuild/cel').parse>['expr'];

let environment: CelEnv | undefined;

function celEnvironment(): CelEnv {
  environment ??= celRuntime().celEnv({ funcs: [...celExtensions().strings, ...kubernetesLibrary()], re2: GO_MATCHES });
  return environment;
}

/** Identifiers every environment knows: the type names (CEL's standard declarations). */
const TYPE_NAMES = new Set(['int', 'uint', 'double', 'bool', 'string', 'bytes', 'list', 'map', 'null_type', 'type', 'dyn']);
/** Namespaces of the library functions called as `namespace.function(...)`. */
const FUNCTION_NAMESPACES = new Set(['sets']);

export type CelOutcome = { ok: true; value: CelValue } | { ok: false; error: string };

export interface CelProgram {
  readonly expression: string;
  /** Evaluates over the bindings (every declared variable; absent ones are null). Never throws. */
  evaluate(bindings: Readonly<Record<string, CelInput>>): CelOutcome;
  /**
   * What an evaluation over the bindings costs at most, by the same bound as the per-call limit: the expression's
   * node count times (longest list or map + 1) to the power of its comprehension nesting.
   */
  costBound(bindings: Readonly<Record<string, CelInput>>): number;
}

export type CelCompilation = { ok: true; program: CelProgram } | { ok: false; error: string };

interface ExpressionShape {
  nodes: number;
  /** How deep comprehensions nest (0: none). */
  comprehensionDepth: number;
  /** The longest list literal. */
  longestLiteral: number;
}

/** Compiles `expression` for an environment declaring `variables`; the error reads as cel-go's `ERROR: <input>:line:column: …`. */
export function compileCel(expression: string, variables: readonly string[]): CelCompilation {
  const size = [...expression].length;
  if (size > EXPRESSION_SIZE_CODE_POINT_LIMIT) return { ok: false, error: `expression code point size exceeds limit: size: ${size}, limit ${EXPRESSION_SIZE_CODE_POINT_LIMIT}` };
  const { isCelError, parse, plan } = celRuntime();
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(expression);
  } catch (error) {
    const message = error instanceof RangeError ? `expression recursion limit exceeded: ${MAX_RECURSION_DEPTH}` : error instanceof Error ? error.message : String(error);
    return { ok: false, error: `ERROR: ${message}` };
  }
  const positions = parsed.sourceInfo?.positions ?? {};
  const where = (id: bigint): string => `<input>:${lineAndColumn(expression, positions[String(id)] ?? 0)}`;
  const shape: ExpressionShape = { nodes: 0, comprehensionDepth: 0, longestLiteral: 0 };
  const problem = inspect(parsed.expr, new Set(variables), 0, 0, shape, where);
  if (problem) return { ok: false, error: `ERROR: ${problem}` };
  const run = plan(celEnvironment(), parsed);
  const costBound = (bindings: Readonly<Record<string, CelInput>>): number => {
    if (shape.comprehensionDepth === 0) return shape.nodes;
    const longest = Math.max(shape.longestLiteral, ...variables.map((name) => largestCollection(bindings[name] ?? null)));
    return shape.nodes * (longest + 1) ** shape.comprehensionDepth;
  };
  return {
    ok: true,
    program: {
      expression,
      costBound,
      evaluate(bindings) {
        const declared: Record<string, CelInput> = {};
        for (const name of variables) declared[name] = bindings[name] ?? null;
        if (shape.comprehensionDepth >= 2) {
          const longest = Math.max(shape.longestLiteral, ...Object.values(declared).map(largestCollection));
          if (shape.nodes * (longest + 1) ** shape.comprehensionDepth > PER_CALL_COST_LIMIT) return { ok: false, error: COST_LIMIT_EXCEEDED };
        }
        try {
          const value = run(declared);
          return isCelError(value) ? { ok: false, error: value.message } : { ok: true, value };
        } catch (error) {
          return { ok: false, error: error instanceof Error ? error.message : String(error) };
        }
      },
    },
  };
}

/** Walks the syntax tree: the first undeclared reference or unsupported function, and the shape for the cost bound. */
function inspect(expr: Expr | undefined, scope: ReadonlySet<string>, depth: number, comprehensions: number, shape: ExpressionShape, where: (id: bigint) => string): string | undefined {
  if (!expr) return undefined;
  if (depth > MAX_RECURSION_DEPTH) return `${where(expr.id)}: expression recursion limit exceeded: ${MAX_RECURSION_DEPTH}`;
  shape.nodes++;
  shape.comprehensionDepth = Math.max(shape.comprehensionDepth, comprehensions);
  const walk = (child: Expr | undefined, inner = scope, nesting = comprehensions) => inspect(child, inner, depth + 1, nesting, shape, where);
  const walkAll = (children: readonly (Expr | undefined)[]) => {
    for (const child of children) {
      const problem = walk(child);
      if (problem) return problem;
    }
    return undefined;
  };
  const kind = expr.exprKind;
  switch (kind.case) {
    case 'identExpr':
      if (scope.has(kind.value.name) || TYPE_NAMES.has(kind.value.name)) return undefined;
      return `${where(expr.id)}: undeclared reference to '${kind.value.name}' (in container '')`;
    case 'selectExpr':
      return walk(kind.value.operand);
    case 'callExpr': {
      const call = kind.value;
      const target = call.target?.exprKind;
      const qualified = target?.case === 'identExpr' && !scope.has(target.value.name) ? `${target.value.name}.${call.function}` : undefined;
      const unsupported = UNSUPPORTED_LIBRARY_FUNCTIONS.get(qualified ?? call.function);
      if (unsupported) return `${where(expr.id)}: undeclared reference to '${qualified ?? call.function}' (in container ''): ${unsupported} is not available in kubeplan's CEL`;
      const namespaced = qualified !== undefined && target?.case === 'identExpr' && FUNCTION_NAMESPACES.has(target.value.name);
      return walkAll(namespaced ? call.args : [call.target, ...call.args]);
    }
    case 'listExpr':
      shape.longestLiteral = Math.max(shape.longestLiteral, kind.value.elements.length);
      return walkAll(kind.value.elements);
    case 'structExpr':
      shape.longestLiteral = Math.max(shape.longestLiteral, kind.value.entries.length);
      return walkAll(kind.value.entries.flatMap((entry) => [entry.keyKind.case === 'mapKey' ? entry.keyKind.value : undefined, entry.value]));
    case 'comprehensionExpr': {
      const loop = kind.value;
      const inner = new Set([...scope, loop.iterVar, loop.accuVar, ...(loop.iterVar2 ? [loop.iterVar2] : [])]);
      return (
        walk(loop.iterRange) ??
        walk(loop.accuInit) ??
        walk(loop.loopCondition, inner, comprehensions + 1) ??
        walk(loop.loopStep, inner, comprehensions + 1) ??
        walk(loop.result, new Set([...scope, loop.accuVar]))
      );
    }
    default:
      return undefined;
  }
}

function lineAndColumn(text: string, offset: number): string {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  return `${line}:${offset - before.lastIndexOf('\n')}`;
}
