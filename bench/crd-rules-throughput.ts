/**
 * Custom resources against a CRD with 50 x-kubernetes-validations rules: 1,000 decoded objects validated by the
 * `custom-resource-schema` rule (defaults, the schema, every rule evaluated with CEL), in a fresh Node process. The
 * time includes compiling the schema and the rules, which happens once per CRD schema object.
 *
 * Usage as a worker: node crd-rules-throughput.js   (prints one JSON line)
 */
import { execFile } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import type { WorkspaceObject } from '../server/src/catalog/workspace-object';
import type { PlainObject } from '../server/src/kube/plain-values';
import { customResourceSchemas } from '../server/src/catalog/custom-resource-definitions';
import { checkCustomResource } from '../server/src/rules/cross-object/custom-resource-schema';

export interface CrdRulesThroughput {
  rules: number;
  objects: number;
  /** Findings over all objects: every tenth object breaks one rule. */
  findings: number;
  validateMs: number;
  /** The CPU time this process spent on the same work: on a busy machine the wall time also counts waiting for a core. */
  cpuMs: number;
  runsMs?: number[];
}

const RULES = 50;
const OBJECTS = 1000;

/** 50 rules of the kinds CRDs carry: bounds, cross-field checks, string shapes, list items, has() guards. */
function ruleEntries(): PlainObject[] {
  const entries: PlainObject[] = [];
  for (let i = 0; i < RULES; i++) {
    const field = `f${i % 10}`;
    switch (i % 5) {
      case 0:
        entries.push({ rule: `self.${field} >= 0`, message: `${field} must not be negative` });
        break;
      case 1:
        entries.push({ rule: `!has(self.name) || self.name.size() <= ${40 + i}`, message: 'name too long' });
        break;
      case 2:
        entries.push({ rule: `self.min <= self.max + ${i}`, messageExpression: `'min ' + string(self.min) + ' above max'` });
        break;
      case 3:
        entries.push({ rule: `self.tags.all(t, t.startsWith('t'))`, reason: 'FieldValueForbidden', fieldPath: '.tags' });
        break;
      default:
        entries.push({ rule: `self.mode in ['a', 'b', 'c'] && self.name.matches('^[a-z0-9-]+$')` });
    }
  }
  return entries;
}

function crd(): WorkspaceObject {
  const properties: PlainObject = {
    name: { type: 'string' },
    mode: { type: 'string', default: 'a' },
    min: { type: 'integer' },
    max: { type: 'integer' },
    tags: { type: 'array', items: { type: 'string' } },
  };
  for (let i = 0; i < 10; i++) properties[`f${i}`] = { type: 'integer', default: 0 };
  const value: PlainObject = {
    apiVersion: 'apiextensions.k8s.io/v1',
    kind: 'CustomResourceDefinition',
    metadata: { name: 'widgets.bench.example.com' },
    spec: {
      group: 'bench.example.com',
      scope: 'Namespaced',
      names: { kind: 'Widget', plural: 'widgets' },
      versions: [
        {
          name: 'v1',
          served: true,
          storage: true,
          schema: { openAPIV3Schema: { type: 'object', properties: { spec: { type: 'object', properties, 'x-kubernetes-validations': ruleEntries() } } } },
        },
      ],
    },
  };
  return workspaceObject(value);
}

function widget(index: number): WorkspaceObject {
  const spec: PlainObject = { name: `widget-${index}`, min: index % 7, max: 5, tags: ['t1', 't2', index % 10 === 0 ? 'x' : 't3'] };
  for (let i = 0; i < 10; i++) spec[`f${i}`] = i;
  return workspaceObject({ apiVersion: 'bench.example.com/v1', kind: 'Widget', metadata: { name: `w-${index}`, namespace: 'bench' }, spec });
}

function workspaceObject(value: PlainObject): WorkspaceObject {
  const metadata = value['metadata'] as PlainObject;
  return {
    apiVersion: value['apiVersion'] as string,
    kind: value['kind'] as string,
    name: metadata['name'] as string,
    namespace: metadata['namespace'] as string | undefined,
    file: 'bench.yaml',
    value,
    locate: () => ({ start: 0, end: 0 }),
  } as WorkspaceObject;
}

/** One measurement in this process. */
export function measureCrdRules(): CrdRulesThroughput {
  const definition = crd();
  const objects = Array.from({ length: OBJECTS }, (_, i) => widget(i));
  const started = performance.now();
  const cpuStarted = process.cpuUsage();
  const schemas = customResourceSchemas([definition]);
  let findings = 0;
  for (const object of objects) findings += checkCustomResource(object, schemas).length;
  const cpu = process.cpuUsage(cpuStarted);
  return { rules: RULES, objects: OBJECTS, findings, validateMs: performance.now() - started, cpuMs: (cpu.user + cpu.system) / 1000 };
}

/** The best of `runs` measurements, each in a fresh process (nothing compiled or cached beforehand). */
export async function measureCrdRulesBestOf(runs: number, timeoutMs: number): Promise<CrdRulesThroughput> {
  const results: CrdRulesThroughput[] = [];
  for (let run = 0; run < runs; run++) {
    const output = await new Promise<string>((resolve, reject) => {
      execFile(process.execPath, [__filename], { timeout: timeoutMs }, (error, stdout) => (error ? reject(error) : resolve(stdout)));
    });
    results.push(JSON.parse(output.trim().split('\n').pop()!) as CrdRulesThroughput);
  }
  const best = results.reduce((a, b) => (b.validateMs < a.validateMs ? b : a));
  return { ...best, runsMs: results.map((result) => result.validateMs) };
}

if (require.main === module) process.stdout.write(`${JSON.stringify(measureCrdRules())}\n`);
