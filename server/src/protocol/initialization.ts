/**
 * How a client hands the language server its settings: the `workspace/configuration` section the server pulls
 * (and the client synchronizes), and the same settings sent up front in `initializationOptions`.
 */
export const SETTINGS_SECTION = 'kubeplan';

export interface InitializationOptions {
  /** The settings section's value, read as `workspace/configuration` would answer it. */
  settings?: unknown;
}
