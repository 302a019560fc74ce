/**
 * The plan page's colour variables (`--plan-*`, read by the page's style sheet) taken from the editor's theme: the
 * webview sets VS Code's `--vscode-*` variables on its root element, so the page follows the theme as it changes.
 */
export const WEBVIEW_THEME = `
:root {
  --plan-font: var(--vscode-font-family);
  --plan-font-size: var(--vscode-font-size);
  --plan-fg: var(--vscode-foreground);
  --plan-bg: var(--vscode-editor-background);
  --plan-muted: var(--vscode-descriptionForeground);
  --plan-border: var(--vscode-panel-border);
  --plan-link: var(--vscode-textLink-foreground);
  --plan-link-active: var(--vscode-textLink-activeForeground);
  --plan-warning: var(--vscode-editorWarning-foreground);
  --plan-error: var(--vscode-errorForeground);
  --plan-focus: var(--vscode-focusBorder);
  --plan-badge-bg: var(--vscode-badge-background);
  --plan-badge-fg: var(--vscode-badge-foreground);
  --plan-button-fg: var(--vscode-button-secondaryForeground);
  --plan-button-bg: var(--vscode-button-secondaryBackground);
  --plan-button-hover-bg: var(--vscode-button-secondaryHoverBackground);
  --plan-button-border: var(--vscode-button-border, transparent);
  --plan-primary-fg: var(--vscode-button-foreground);
  --plan-primary-bg: var(--vscode-button-background);
  --plan-node-bg: var(--vscode-sideBar-background, transparent);
  --plan-track: var(--vscode-editorWidget-border, var(--vscode-panel-border));
  --plan-blue: var(--vscode-charts-blue);
  --plan-orange: var(--vscode-charts-orange);
  --plan-red: var(--vscode-charts-red);
  --plan-yellow: var(--vscode-charts-yellow);
  --plan-purple: var(--vscode-charts-purple);
  --plan-green: var(--vscode-charts-green);
}
`;
