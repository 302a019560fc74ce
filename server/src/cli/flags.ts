/** The flags `kubeplan check` and `kubeplan plan` read alike, and how a command line is split into flags and paths. */
import { SUPPORTED_VERSIONS, parseKubernetesVersion, type KubernetesVersion } from '../schema/versions';
import { UsageError } from './usage-error';
import { isDns1123Label } from '../rules/apimachinery-validation';
import { FILENAME_FLAG, unknownFlagError, type CommandSpec } from './commands';

/**
 * Reads `-k DIR` and `--allow-remote`; false for any other flag. kubectl takes one kustomization folder and
 * refuses it together with files (k8s.io/cli-runtime/pkg/resource/builder.go, FilenameOptions.validate).
 */
export function kustomizeFlag(into: { kustomize: string | undefined; allowRemote: boolean }, flag: string, value: () => string, arg: string): boolean {
  if (flag === '--kustomize') {
    if (into.kustomize !== undefined) throw new UsageError('-k takes one kustomization folder; it can be given only once');
    into.kustomize = value();
    return true;
  }
  if (flag === '--allow-remote') {
    into.allowRemote = arg.includes('=') ? booleanFlag(flag, value()) : true;
    return true;
  }
  return false;
}

/** After the flags are read: `-k` with files is refused in kubectl's words, `--allow-remote` without `-k` is pointless. */
export function checkKustomizeUse(parsed: { kustomize: string | undefined; allowRemote: boolean }, paths: readonly string[]): void {
  if (parsed.kustomize !== undefined && paths.length > 0) throw new UsageError('only one of -f or -k can be specified');
  if (parsed.kustomize === undefined && parsed.allowRemote) throw new UsageError('--allow-remote applies only with -k DIR');
}

function booleanFlag(flag: string, raw: string): boolean {
  if (raw !== 'true' && raw !== 'false') throw new UsageError(`${flag} must be true or false, not ${raw}`);
  return raw === 'true';
}

/**
 * Splits `--flag=value`, `--flag value`, `-f value` and `-f=value`, as pflag reads them; calls `take` with each flag
 * under its long name (`-o` comes as `--output`) and a reader of its value. A flag the command does not know is a
 * usage error that suggests the nearest. What is not a flag, and the value of each `-f`/`--filename` (kubectl's way
 * of naming inputs), is returned in the order given; `givenWithFilename` receives the indexes of those given with `-f`.
 */
export function readFlags(args: readonly string[], command: CommandSpec, take: (flag: string, value: () => string, arg: string) => boolean, givenWithFilename?: Set<number>): string[] {
  const paths: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    const equals = arg.startsWith('-') ? arg.indexOf('=') : -1;
    const [written, inlineValue] = equals !== -1 ? [arg.slice(0, equals), arg.slice(equals + 1)] : [arg, undefined];
    const flag = command.flags.find((spec) => spec.short === written)?.name ?? written;
    const value = (): string => {
      const v = inlineValue ?? args[++i];
      if (v === undefined) throw new UsageError(`${flag} needs a value\nSee 'kubeplan ${command.name} --help' for usage.`);
      return v;
    };
    if (flag === FILENAME_FLAG.name && command.flags.includes(FILENAME_FLAG)) {
      givenWithFilename?.add(paths.length);
      paths.push(value());
    } else if (take(flag, value, arg)) continue;
    else if (arg.startsWith('-') && arg !== '-') throw unknownFlagError(command, arg);
    else paths.push(arg);
  }
  return paths;
}

/** A namespace name as `-n` takes it: an RFC 1123 label, as the API server validates namespace names (ValidateNamespaceName). */
export function namespaceFlag(raw: string): string {
  const problems = isDns1123Label(raw);
  if (problems.length > 0) throw new UsageError(`--namespace "${raw}": ${problems.join('; ')}`);
  return raw;
}

/** A file or folder of CRDs; standard input holds the manifests. */
export function crdsFlag(raw: string): string {
  if (raw === '' || raw === '-') throw new UsageError(`--crds needs a file or folder of CustomResourceDefinitions, not ${JSON.stringify(raw)}`);
  return raw;
}

export function kubernetesVersionFlag(raw: string): KubernetesVersion {
  const parsed = parseKubernetesVersion(raw);
  if (!parsed) throw new UsageError(`no schemas for Kubernetes ${raw}; choose one of ${SUPPORTED_VERSIONS.join(', ')}`);
  return parsed;
}
