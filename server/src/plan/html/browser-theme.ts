/**
 * The plan page's colours when it is opened as a file in a browser, where no editor theme sets them: a light
 * palette, and a dark one when the reader's system prefers it (`prefers-color-scheme`). The variables are the ones
 * `page-styles.ts` reads.
 */
export const BROWSER_THEME = `
:root {
  color-scheme: light dark;
  --plan-font: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif;
  --plan-font-size: 14px;
  --plan-fg: #1f2328;
  --plan-bg: #ffffff;
  --plan-muted: #59636e;
  --plan-border: #d1d9e0;
  --plan-link: #0969da;
  --plan-link-active: #0550ae;
  --plan-warning: #9a6700;
  --plan-error: #d1242f;
  --plan-focus: #0969da;
  --plan-badge-bg: #ddf4ff;
  --plan-badge-fg: #0a3069;
  --plan-button-fg: #1f2328;
  --plan-button-bg: #f6f8fa;
  --plan-button-hover-bg: #eaeef2;
  --plan-button-border: #d1d9e0;
  --plan-primary-fg: #ffffff;
  --plan-primary-bg: #1f883d;
  --plan-node-bg: #f6f8fa;
  --plan-track: #d1d9e0;
  --plan-blue: #0969da;
  --plan-orange: #bc4c00;
  --plan-red: #cf222e;
  --plan-yellow: #bf8700;
  --plan-purple: #8250df;
  --plan-green: #1a7f37;
}
@media (prefers-color-scheme: dark) {
  :root {
    --plan-fg: #e6edf3;
    --plan-bg: #0d1117;
    --plan-muted: #9198a1;
    --plan-border: #3d444d;
    --plan-link: #4493f8;
    --plan-link-active: #79b8ff;
    --plan-warning: #d29922;
    --plan-error: #f85149;
    --plan-focus: #4493f8;
    --plan-badge-bg: #12263f;
    --plan-badge-fg: #cae8ff;
    --plan-button-fg: #e6edf3;
    --plan-button-bg: #212830;
    --plan-button-hover-bg: #262c36;
    --plan-button-border: #3d444d;
    --plan-primary-fg: #ffffff;
    --plan-primary-bg: #238636;
    --plan-node-bg: #151b23;
    --plan-track: #3d444d;
    --plan-blue: #4493f8;
    --plan-orange: #db6d28;
    --plan-red: #f85149;
    --plan-yellow: #d29922;
    --plan-purple: #ab7df8;
    --plan-green: #3fb950;
  }
}
`;
