/**
 * @bufbuild/cel, loaded the first time an expression is compiled: loading it takes a noticeable part of a second,
 * which the CLI and the language server should not pay for manifests without CEL.
 */
export type CelModule = typeof import('@bufbuild/cel');
export type CelExtensions = typeof import('@bufbuild/cel/ext');

let loaded: CelModule | undefined;
let extensions: CelExtensions | undefined;

export function celRuntime(): CelModule {
  loaded ??= require('@bufbuild/cel') as CelModule;
  return loaded;
}

export function celExtensions(): CelExtensions {
  extensions ??= require('@bufbuild/cel/ext') as CelExtensions;
  return extensions;
}
