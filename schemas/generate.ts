/**
 * Build-time generator: turns the OpenAPI-generated model classes of @kubernetes/client-node (one release per
 * Kubernetes version, installed under npm aliases) into one JSON Schema bundle per version, adding what the
 * models do not carry (see overlay.ts) and descriptions from kubernetes-types where the models have none.
 *
 * Output: schemas/generated/<version>.json and <version>.validators.js (build output, not committed).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { FieldSchema, KindInfo, SchemaBundle } from '../server/src/schema/bundle-types';
import { SUPPORTED_VERSIONS, clientPackageFor, type KubernetesVersion } from '../server/src/schema/versions';
import { ENUMS, EXTRA_QUANTITY_FIELDS, NOT_REQUIRED } from './overlay';
import { standaloneValidators } from './standalone';

const repoRoot = path.resolve(__dirname, '..', '..');
const outputDir = path.join(repoRoot, 'schemas', 'generated');

interface Attribute {
  name: string;
  baseName: string;
  type: string;
  format?: string;
}

interface Model {
  name: string;
  description?: string;
  attributes: Attribute[];
  fieldDescriptions: Map<string, string>;
  requiredFields: Set<string>;
}

/** `V1Deployment` → `Deployment`, `CoreV1Event` → `Event`, `V1beta2DeviceClass` → `DeviceClass`. */
function goStructName(modelName: string): string {
  return modelName.replace(/^[A-Za-z]*?V\d+(?:(?:alpha|beta)\d+)?(?=[A-Z])/, '');
}

/** The Go package name a model lives in, which is its API version: `V1beta1Foo` → `v1beta1`. */
function goPackageName(modelName: string): string {
  const match = /V(\d+(?:(?:alpha|beta)\d+)?)(?=[A-Z])/.exec(modelName);
  return match ? `v${match[1]}` : 'v1';
}

function readModels(packageDir: string): Map<string, Model> {
  const newLayout = path.join(packageDir, 'dist', 'gen', 'models');
  const modelDir = fs.existsSync(newLayout) ? newLayout : path.join(packageDir, 'dist', 'gen', 'model');
  const models = new Map<string, Model>();
  for (const file of fs.readdirSync(modelDir)) {
    if (!file.endsWith('.js')) continue;
    const js = fs.readFileSync(path.join(modelDir, file), 'utf8');
    const mapMatch = /^(\w+)\.attributeTypeMap = (\[[\s\S]*?\]);$/m.exec(js);
    if (!mapMatch) continue;
    const name = mapMatch[1]!;
    const attributes = JSON.parse(mapMatch[2]!) as Attribute[];
    const dts = fs.readFileSync(path.join(modelDir, file.replace(/\.js$/, '.d.ts')), 'utf8');
    models.set(name, { name, attributes, ...readDeclarations(dts) });
  }
  return models;
}

/** Reads the doc comments and the `?` of each field from a model's .d.ts. */
function readDeclarations(dts: string): Pick<Model, 'description' | 'fieldDescriptions' | 'requiredFields'> {
  const fieldDescriptions = new Map<string, string>();
  const requiredFields = new Set<string>();
  let description: string | undefined;
  let pendingComment: string | undefined;
  const lines = dts.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!.trim();
    if (line.startsWith('/**')) {
      const comment = readDocComment(lines, i);
      i = comment.lastLine;
      pendingComment = unescapeComment(comment.text);
      continue;
    }
    if (/^export declare class /.test(line)) {
      description = pendingComment;
      pendingComment = undefined;
      continue;
    }
    const field = /^'([^']+)'(\?)?:/.exec(line);
    if (field) {
      if (pendingComment) fieldDescriptions.set(field[1]!, pendingComment);
      if (!field[2]) requiredFields.add(field[1]!);
    }
    pendingComment = undefined;
  }
  return { description, fieldDescriptions, requiredFields };
}

/** The text of the `/** … *\/` comment starting at `first`, and the line it ends on. */
function readDocComment(lines: readonly string[], first: number): { text: string; lastLine: number } {
  const comment: string[] = [];
  let last = first;
  for (; last < lines.length; last++) {
    const text = lines[last]!.trim()
      .replace(/^\/\*\*/, '')
      .replace(/\*\/$/, '')
      .replace(/^\*\s?/, '');
    if (text) comment.push(text);
    if (lines[last]!.includes('*/')) break;
  }
  return { text: comment.join('\n'), lastLine: last };
}

function unescapeComment(text: string): string {
  return text
    .replace(/\\'/g, "'")
    .replace(/\\"/g, '"')
    .replace(/&#x60;/g, '`')
    .replace(/&quot;/g, '"');
}

/** Finds every `create…` operation on a collection path and the model its body is. */
function readKinds(packageDir: string, models: Map<string, Model>): Record<string, KindInfo> {
  const newLayout = path.join(packageDir, 'dist', 'gen', 'apis');
  const apiDir = fs.existsSync(newLayout) ? newLayout : path.join(packageDir, 'dist', 'gen', 'api');
  const kinds: Record<string, KindInfo> = {};
  for (const file of fs.readdirSync(apiDir)) {
    if (!file.endsWith('.js')) continue;
    const js = fs.readFileSync(path.join(apiDir, file), 'utf8');
    const methodPattern = /^ {4}(?:async\s+)?(create\w+)\(([^)]*)\)\s*\{/gm;
    for (const method of js.matchAll(methodPattern)) {
      const start = method.index;
      const next = js.indexOf('\n    }\n', start);
      const bodyText = js.slice(start, next < 0 ? undefined : next);
      const pathMatch = /localVarPath = (?:this\.basePath \+ )?'([^']+)'/.exec(bodyText);
      const typeMatch = /serialize\(body, "(\w+)"/.exec(bodyText);
      if (!pathMatch || !typeMatch) continue;
      const restPath = pathMatch[1]!;
      if (restPath.includes('{name}')) continue; // a subresource, not a kind
      const parsed = /^\/(?:api|apis\/([^/]+))\/([^/]+)\/(namespaces\/\{namespace\}\/)?([^/{}]+)$/.exec(restPath);
      if (!parsed) continue;
      const methodName = method[1]!;
      const kind = methodName.startsWith('createNamespaced') ? methodName.slice('createNamespaced'.length) : methodName.slice('create'.length);
      const definition = typeMatch[1]!;
      if (!models.has(definition) || goStructName(definition) !== kind) continue;
      const apiVersion = parsed[1] ? `${parsed[1]}/${parsed[2]}` : parsed[2]!;
      kinds[`${apiVersion} ${kind}`] = {
        apiVersion,
        kind,
        definition,
        namespaced: Boolean(parsed[3]),
        plural: parsed[4]!,
      };
    }
  }
  return kinds;
}

/** Descriptions and quantity fields from kubernetes-types, keyed by `Struct.field`. */
interface TypesIndex {
  descriptions: Map<string, string>;
  quantityFields: Set<string>;
}

function readKubernetesTypes(): TypesIndex {
  const root = path.dirname(require.resolve('kubernetes-types/package.json', { paths: [repoRoot] }));
  const descriptions = new Map<string, string>();
  const quantityFields = new Set<string>();
  const walk = (dir: string): void => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name.endsWith('.d.ts')) readTypesFile(fs.readFileSync(full, 'utf8'), descriptions, quantityFields);
    }
  };
  walk(root);
  return { descriptions, quantityFields };
}

function readTypesFile(dts: string, descriptions: Map<string, string>, quantityFields: Set<string>): void {
  let currentInterface: string | undefined;
  let pendingComment: string | undefined;
  const lines = dts.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!.trim();
    if (line.startsWith('/**')) {
      const comment = readDocComment(lines, i);
      i = comment.lastLine;
      pendingComment = comment.text;
      continue;
    }
    const iface = /^export interface (\w+)/.exec(line);
    if (iface) {
      currentInterface = iface[1];
      pendingComment = undefined;
      continue;
    }
    const field = /^(\w+)\??: (.*)$/.exec(line);
    if (field && currentInterface && lines[i]!.startsWith('    ') && !lines[i]!.startsWith('        ')) {
      const key = `${currentInterface}.${field[1]}`;
      if (pendingComment && !descriptions.has(key)) descriptions.set(key, pendingComment);
      if (/^Quantity;/.test(field[2]!)) quantityFields.add(key);
      if (field[2] === '{' && /\[\w+: string\]: Quantity;/.test(lines[i + 1] ?? '')) quantityFields.add(`${key}{}`);
    }
    pendingComment = undefined;
  }
}

const GENERIC_DESCRIPTION = /^(IntOrString is a type|Quantity is a fixed-point|Time is a wrapper|MicroTime is)/;

const QUANTITY_SCHEMA: FieldSchema = {
  type: ['string', 'number'],
  format: 'quantity',
  'x-go-type': 'resource.Quantity',
};

function primitiveSchema(attribute: Attribute, formatHint: string | undefined): FieldSchema {
  switch (attribute.type) {
    case 'string':
    case 'Date':
    case 'V1MicroTime':
      return { type: 'string', 'x-go-type': formatHint === 'byte' ? '[]uint8' : 'string', ...(formatHint === 'byte' ? { format: 'byte' } : {}) };
    case 'boolean':
      return { type: 'boolean', 'x-go-type': 'bool' };
    case 'number':
      if (formatHint === 'double') return { type: 'number', 'x-go-type': 'float64' };
      if (formatHint === 'int64') {
        return { type: 'integer', minimum: Number.MIN_SAFE_INTEGER, maximum: Number.MAX_SAFE_INTEGER, 'x-go-type': 'int64' };
      }
      return { type: 'integer', minimum: -2147483648, maximum: 2147483647, 'x-go-type': 'int32' };
    case 'IntOrString':
      return { type: ['integer', 'string'], 'x-go-type': 'intstr.IntOrString' };
    case 'any':
    case 'object':
      return {};
    default:
      throw new Error(`${attribute.baseName}: no schema for type ${attribute.type}`);
  }
}

function typeSchema(type: string, attribute: Attribute, formatHint: string | undefined, models: Map<string, Model>): FieldSchema {
  const array = /^Array<(.+)>$/.exec(type);
  if (array) {
    const items = typeSchema(array[1]!, attribute, formatHint, models);
    return { type: 'array', items, 'x-go-type': `[]${items['x-go-type'] ?? 'interface {}'}` };
  }
  const map = /^\{ \[key: string\]: (.+); \}$/.exec(type);
  if (map) {
    const values = typeSchema(map[1]!, attribute, formatHint, models);
    return { type: 'object', additionalProperties: values, 'x-go-type': `map[string]${values['x-go-type'] ?? 'interface {}'}` };
  }
  if (models.has(type)) {
    return { $ref: `#/definitions/${type}`, 'x-go-type': `${goPackageName(type)}.${goStructName(type)}` };
  }
  return primitiveSchema({ ...attribute, type }, formatHint);
}

function buildBundle(version: KubernetesVersion, formats: Map<string, string>, types: TypesIndex): SchemaBundle {
  const packageName = clientPackageFor(version);
  const packageDir = path.dirname(require.resolve(`${packageName}/package.json`, { paths: [repoRoot] }));
  const packageVersion = (JSON.parse(fs.readFileSync(path.join(packageDir, 'package.json'), 'utf8')) as { version: string }).version;
  const models = readModels(packageDir);
  const definitions: Record<string, FieldSchema> = {};
  const quantityFields = new Set([...types.quantityFields, ...EXTRA_QUANTITY_FIELDS]);

  for (const model of [...models.values()].sort((a, b) => a.name.localeCompare(b.name))) {
    const struct = goStructName(model.name);
    const properties: Record<string, FieldSchema> = {};
    for (const attribute of model.attributes) {
      const key = `${struct}.${attribute.baseName}`;
      // Older client releases omit formats; the newest one knows them and they never change for a field.
      const format = attribute.format || formats.get(`${model.name}.${attribute.baseName}`);
      let schema: FieldSchema;
      if (quantityFields.has(key)) schema = { ...QUANTITY_SCHEMA };
      else if (quantityFields.has(`${key}{}`)) {
        schema = { type: 'object', additionalProperties: { ...QUANTITY_SCHEMA }, 'x-go-type': 'v1.ResourceList' };
      } else schema = typeSchema(attribute.type, attribute, format, models);
      const enumValues = ENUMS[key];
      if (enumValues) schema.enum = [...enumValues];
      const itemEnum = ENUMS[`${key}[]`];
      if (itemEnum && schema.items) schema.items.enum = [...itemEnum];
      // A field typed by a shared class can carry that class's doc instead of its own; prefer kubernetes-types there.
      const ownDescription = model.fieldDescriptions.get(attribute.baseName);
      const description = ownDescription && !GENERIC_DESCRIPTION.test(ownDescription) ? ownDescription : (types.descriptions.get(key) ?? ownDescription);
      if (description) schema.description = description;
      properties[attribute.baseName] = schema;
    }
    const required = model.attributes.map((a) => a.baseName).filter((name) => model.requiredFields.has(name) && !NOT_REQUIRED.has(`${struct}.${name}`));
    const definition: FieldSchema = {
      type: 'object',
      properties,
      additionalProperties: false,
      'x-go-struct': struct,
      'x-go-type': `${goPackageName(model.name)}.${struct}`,
    };
    const description = model.description ?? types.descriptions.get(struct);
    if (description) definition.description = description;
    if (required.length > 0) definition.required = required;
    definitions[model.name] = definition;
  }

  return {
    kubernetesVersion: version,
    source: `@kubernetes/client-node@${packageVersion}`,
    builtInGroups: [],
    kinds: readKinds(packageDir, models),
    definitions,
  };
}

/** Field formats (int32/int64/double/byte) from the newest client release, which records them. */
function readFormats(): Map<string, string> {
  const newest = SUPPORTED_VERSIONS[SUPPORTED_VERSIONS.length - 1]!;
  const packageDir = path.dirname(require.resolve(`${clientPackageFor(newest)}/package.json`, { paths: [repoRoot] }));
  const formats = new Map<string, string>();
  for (const model of readModels(packageDir).values()) {
    for (const attribute of model.attributes) {
      if (attribute.format) formats.set(`${model.name}.${attribute.baseName}`, attribute.format);
    }
  }
  return formats;
}

function main(): void {
  fs.mkdirSync(outputDir, { recursive: true });
  const formats = readFormats();
  const types = readKubernetesTypes();
  const bundles = SUPPORTED_VERSIONS.map((version) => buildBundle(version, formats, types));
  const groups = new Set<string>();
  for (const bundle of bundles) for (const info of Object.values(bundle.kinds)) groups.add(info.apiVersion.includes('/') ? info.apiVersion.split('/')[0]! : '');
  for (const bundle of bundles) {
    const version = bundle.kubernetesVersion;
    bundle.builtInGroups = [...groups].sort();
    fs.writeFileSync(path.join(outputDir, `${version}.json`), JSON.stringify(bundle));
    fs.writeFileSync(path.join(outputDir, `${version}.validators.js`), standaloneValidators(bundle));
    const kindCount = Object.keys(bundle.kinds).length;
    const definitionCount = Object.keys(bundle.definitions).length;
    process.stdout.write(`schemas: Kubernetes ${version} from ${bundle.source}: ${kindCount} kinds, ${definitionCount} definitions\n`);
  }
}

main();
