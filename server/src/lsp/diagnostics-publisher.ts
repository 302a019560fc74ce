/**
 * Diagnostics: each open document is validated a moment after its edits, and its findings are published with those
 * the workspace's cross-object rules find about it, for the version that was validated and only while it is current.
 */
import type { Connection, Diagnostic, TextDocuments } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { releaseFile, validateText } from '../check/validate-text';
import type { ManifestObject } from '../check/report';
import type { FileFinding } from '../kube/findings';
import { LineIndex } from '../parse/line-index';
import { applyRuleConfig, optInRules } from '../rules/rule-config';
import type { CrossFileChecker } from '../workspace/cross-file-findings';
import type { OwnFindingStands } from '../rules/cross-object/run-cross-object-rules';
import type { WorkspaceIndex } from '../workspace/workspace-index';
import { filePath, indexKey, internalErrorDiagnostic, objectOf, toDiagnostic, toIndexed } from './conversions';
import { fileFormatByName } from '../check/file-formats';
import { isListedPatch } from '../workspace/kustomize-patches';
import { valuesFileFindings } from '../workspace/chart-values';
import type { Guard } from './guard';
import type { ServerState } from './server-state';
import { IdleCollection } from './idle-collection';
import { afterQueuedMessages } from './waits';

/** Long enough to coalesce the changes of a burst (typing, a paste, a multi-cursor edit), short enough to go unnoticed. */
export const DEBOUNCE_MS = 25;
/** Files on disk are read in bursts (the first scan, a branch switch): their cross-file findings wait for a pause. */
const CROSS_FILE_DEBOUNCE_MS = 150;

interface ValidatedDocument {
  text: string;
  lines: LineIndex;
  objects: ManifestObject[];
}

interface PublishedDiagnostics extends ValidatedDocument {
  version: number;
  own: Diagnostic[];
  /** What the workspace changed about the document's diagnostics when last published, to publish only on a change. */
  crossKey: string;
}

export interface DiagnosticsPublisherHost {
  connection: Connection;
  documents: TextDocuments<TextDocument>;
  state: ServerState;
  index: WorkspaceIndex;
  crossFile: CrossFileChecker;
  guard: Guard;
}

export class DiagnosticsPublisher {
  private readonly pending = new Map<string, NodeJS.Timeout>();
  /** When each open document was last edited (performance.now()), so that lenses wait for typing to pause. */
  private readonly lastEdits = new Map<string, number>();
  /** What was last published per open document: its own findings, and those about other files' objects. */
  private readonly published = new Map<string, PublishedDiagnostics>();
  private crossFileTimer: NodeJS.Timeout | undefined;
  private readonly idleCollection = new IdleCollection(() => this.pending.size > 0);

  constructor(private readonly host: DiagnosticsPublisherHost) {}

  edited(uri: string): void {
    this.lastEdits.set(uri, performance.now());
    // An edit with nothing pending is validated at once; the rest of a burst waits until it pauses, so a burst
    // costs at most two validations.
    this.schedule(uri, this.pending.has(uri) ? DEBOUNCE_MS : 0);
  }

  /** A document closed: nothing of it stays, and its diagnostics are cleared. */
  closed(uri: string): void {
    clearTimeout(this.pending.get(uri));
    releaseFile(uri);
    this.pending.delete(uri);
    this.published.delete(uri);
    this.lastEdits.delete(uri);
    this.host.index.closeDocument(indexKey(uri));
    void this.host.connection.sendDiagnostics({ uri, diagnostics: [] });
  }

  /** Whether a validation of the document waits for its edits to pause. */
  isPending(uri: string): boolean {
    return this.pending.has(uri);
  }

  /** Whether any open document waits for its validation. */
  hasPending(): boolean {
    return this.pending.size > 0;
  }

  /** When the document was last edited (performance.now()), if it was. */
  lastEdit(uri: string): number | undefined {
    return this.lastEdits.get(uri);
  }

  revalidateAll(): void {
    for (const document of this.host.documents.all()) this.schedule(document.uri, 0);
  }

  scheduleCrossFileRefresh(): void {
    clearTimeout(this.crossFileTimer);
    this.crossFileTimer = setTimeout(
      this.host.guard.wrap('checking objects across files', () => this.refreshCrossFile()),
      CROSS_FILE_DEBOUNCE_MS,
    );
  }

  private schedule(uri: string, delay: number): void {
    clearTimeout(this.pending.get(uri));
    this.pending.set(
      uri,
      setTimeout(() => {
        this.pending.delete(uri);
        this.validate(uri).catch((error: unknown) => this.host.guard.logError(`validating ${uri}`, error));
      }, delay),
    );
  }

  /** Whether a kustomization (open, or beside the document on disk) lists the document as a patch. */
  private isPatch(uri: string): boolean {
    const file = filePath(uri);
    if (file === undefined) return false;
    const open = this.host.documents.all().flatMap((document) => {
      const path = filePath(document.uri);
      return path !== undefined && fileFormatByName(path)?.kind === 'kustomization' ? [{ file: path, text: document.getText() }] : [];
    });
    return isListedPatch(file, open);
  }

  /** A Helm chart's values file: its values against the chart's values.schema.json, as `kubeplan check` checks them. */
  private chartValuesFindings(uri: string, text: string): FileFinding[] {
    const file = filePath(uri);
    if (file === undefined) return [];
    const openText = (other: string): string | undefined =>
      this.host.documents
        .all()
        .find((document) => filePath(document.uri) === other)
        ?.getText();
    return applyRuleConfig(text, valuesFileFindings(file, text, openText), [], this.host.state.ruleSettings());
  }

  private async validate(uri: string): Promise<void> {
    const { connection, documents, state, index, guard } = this.host;
    await state.settingsLoaded;
    const document = documents.get(uri);
    if (!document || this.pending.has(uri)) return;
    const version = document.version;
    let diagnostics: Diagnostic[] = [];
    let validated: ValidatedDocument | undefined;
    if (state.handles(document)) {
      try {
        const started = performance.now();
        const text = document.getText();
        const report = validateText(text, { ...state.validateOptions(), fileName: uri, patch: this.isPatch(uri) });
        const lines = new LineIndex(text);
        diagnostics = [...report.findings, ...this.chartValuesFindings(uri, text)].map((finding) => toDiagnostic(finding, lines));
        index.setOpenDocument(
          indexKey(uri),
          report.objects.map((object) => toIndexed(object, lines)),
          report.unreadable,
        );
        validated = { text, lines, objects: report.objects };
        this.idleCollection.validated(text.length);
        connection.console.debug(`validated ${uri} (version ${version}): ${diagnostics.length} findings in ${(performance.now() - started).toFixed(1)} ms`);
      } catch (error) {
        guard.logError(`validating ${uri}`, error);
        diagnostics = [internalErrorDiagnostic()];
      }
    } else {
      // Disabled or excluded since it was opened: the index must not keep what this document held.
      index.closeDocument(indexKey(uri));
    }
    // Validation runs on this thread, so edits sent meanwhile are still unread; once they are read, a newer
    // version has scheduled its own validation and this result is stale.
    await afterQueuedMessages();
    if (documents.get(uri)?.version !== version || this.pending.has(uri)) return;
    if (!validated) {
      this.published.delete(uri);
      void connection.sendDiagnostics({ uri, version, diagnostics });
      return;
    }
    this.published.set(uri, { version, own: diagnostics, crossKey: '', ...validated });
    this.refreshCrossFile(uri);
    // Other open documents may refer to what this one holds; they are refreshed once edits pause.
    if (this.published.size > 1) this.scheduleCrossFileRefresh();
  }

  /**
   * Runs the cross-object rules over the index and publishes `only` (the document just validated), or every open
   * document whose cross-file findings changed.
   */
  private refreshCrossFile(only?: string): void {
    const { connection, documents, state, index, crossFile, guard } = this.host;
    let byKey = new Map<string, FileFinding[]>();
    let ownFindingStands: OwnFindingStands = () => true;
    const targets = only === undefined ? [...this.published.keys()] : [only];
    const rules = state.ruleSettings();
    try {
      ({ byFile: byKey, ownFindingStands } = crossFile.useDefinitions(state.referenceCrds.definitions).run(index, targets.map(indexKey), optInRules(rules)));
    } catch (error) {
      guard.logError('checking objects across files', error);
    }
    for (const uri of targets) {
      const entry = this.published.get(uri);
      if (!entry || documents.get(uri)?.version !== entry.version || this.pending.has(uri)) continue;
      const findings = applyRuleConfig(entry.text, byKey.get(indexKey(uri)) ?? [], entry.objects, rules);
      const own = entry.own.filter((diagnostic) => ownFindingStands(String(diagnostic.code), objectOf(diagnostic)));
      const crossKey = `${entry.own.length - own.length} ${JSON.stringify(findings)}`;
      if (uri !== only && crossKey === entry.crossKey) continue;
      entry.crossKey = crossKey;
      void connection.sendDiagnostics({ uri, version: entry.version, diagnostics: [...own, ...findings.map((finding) => toDiagnostic(finding, entry.lines))] });
    }
  }
}
