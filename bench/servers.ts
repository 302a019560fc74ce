/**
 * How to start each language server the bench compares, and what it is told when it asks for settings.
 * Both are started as `node <script>` directly, so the child's pid is the server's own and its peak memory
 * can be read from /proc.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { LSP_EXEC_ARGV } from '../server/src/protocol/lsp-exec-argv';
import { pathToFileURL } from 'node:url';
import type { SessionOptions } from './lsp-session';

export interface ServerSpec {
  name: string;
  session: (cwd: string) => SessionOptions;
}

/** The settings a fresh VS Code install would send for the `kubeplan` section. */
export const KUBEPLAN_DEFAULT_SETTINGS = {
  kubernetesVersion: '1.36',
  enable: true,
  files: {
    include: ['**/*.yaml', '**/*.yml', '**/*.json'],
    exclude: ['**/node_modules/**', '**/.git/**'],
  },
};

export function kubeplanServer(repoRoot: string, kubernetesVersion: string): ServerSpec {
  const settings = { kubeplan: { ...KUBEPLAN_DEFAULT_SETTINGS, kubernetesVersion } };
  return {
    name: 'kubeplan',
    session: (cwd) => ({
      command: process.execPath,
      // As the VS Code extension starts it.
      args: [...LSP_EXEC_ARGV, path.join(repoRoot, 'bin', 'kubeplan.js'), 'lsp', '--stdio'],
      cwd,
      configuration: (section) => lookup(settings, section),
      settings,
    }),
  };
}

export function yamlLanguageServer(repoRoot: string, schemaFile: string): ServerSpec {
  const settings = {
    yaml: {
      validate: true,
      hover: true,
      completion: true,
      format: { enable: false },
      // Offline like kubeplan: no schema catalogue or CRD store downloads.
      schemaStore: { enable: false },
      kubernetesCRDStore: { enable: false },
      schemas: { [pathToFileURL(schemaFile).href]: '*.yaml' },
    },
    http: { proxy: '', proxyStrictSSL: false },
  };
  return {
    name: 'yaml-language-server',
    session: (cwd) => ({
      command: process.execPath,
      args: [yamlLanguageServerScript(repoRoot), '--stdio'],
      cwd,
      configuration: (section) => lookup(settings, section),
      settings,
    }),
  };
}

export function yamlLanguageServerScript(repoRoot: string): string {
  return path.join(repoRoot, 'node_modules', 'yaml-language-server', 'bin', 'yaml-language-server');
}

export function yamlLanguageServerVersion(repoRoot: string): string | undefined {
  try {
    const manifest = fs.readFileSync(path.join(repoRoot, 'node_modules', 'yaml-language-server', 'package.json'), 'utf8');
    return (JSON.parse(manifest) as { version: string }).version;
  } catch {
    return undefined;
  }
}

/** A dotted section of a settings object; `undefined` for a section the settings do not have. */
function lookup(settings: Record<string, unknown>, section: string | undefined): unknown {
  if (!section) return settings;
  let current: unknown = settings;
  for (const part of section.split('.')) {
    if (typeof current !== 'object' || current === null || !(part in current)) return undefined;
    current = (current as Record<string, unknown>)[part];
  }
  return current;
}
