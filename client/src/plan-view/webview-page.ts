/**
 * The plan page as the editor's webview shows it: the page of `kubeplan plan --output html`, with the editor's
 * theme, the script that turns clicks into messages to the extension, and a fresh nonce for both.
 */
import { renderPlanPage, type PlanPageInput } from '../../../server/src/plan/html/plan-page';
import { VIEW_SCRIPT } from './view-script';
import { WEBVIEW_THEME } from './webview-theme';

export interface WebviewPageOptions {
  /** A fresh random value per page; the one script and style sheet carry it. */
  nonce: string;
  /** The webview's `cspSource`. */
  cspSource: string;
  /** What was planned, for the heading: `web.yaml`, `web.yaml (changes against HEAD)`. */
  subject: string;
  /** Which cluster the plan ran on, for the heading. */
  clusterLabel: string;
  /** `Kind/namespace/name` of the object to scroll to. */
  focus?: string;
  /** Why the plan is out of date, said above it. */
  stale?: string;
}

export function renderPlanWebview(input: PlanPageInput, { nonce, cspSource, ...heading }: WebviewPageOptions): string {
  return renderPlanPage(input, { ...heading, host: { kind: 'webview', nonce, cspSource, theme: WEBVIEW_THEME, script: VIEW_SCRIPT } });
}
