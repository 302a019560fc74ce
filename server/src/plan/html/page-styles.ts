/**
 * The plan page's style sheet, written against the page's own colour variables (`--plan-*`): the editor's webview
 * maps them to VS Code's theme, and a page saved as a file gives them light and dark defaults
 * (`browser-theme.ts`). Nothing is loaded from elsewhere.
 */
export const PAGE_STYLES = `
body { font-family: var(--plan-font); font-size: var(--plan-font-size); color: var(--plan-fg); background: var(--plan-bg); padding: 0 16px 24px; }
h1 { font-size: 1.4em; margin: 16px 0 4px; }
h2 { font-size: 1.15em; margin: 24px 0 8px; border-bottom: 1px solid var(--plan-border); padding-bottom: 4px; }
h3 { font-size: 1em; margin: 12px 0 6px; }
a { color: var(--plan-link); text-decoration: none; cursor: pointer; }
a:hover, a:focus { color: var(--plan-link-active); text-decoration: underline; }
.source { text-decoration: underline dotted; cursor: help; }
.summary, .muted { color: var(--plan-muted); }
.toolbar { display: flex; gap: 8px; flex-wrap: wrap; margin: 8px 0; }
button { font: inherit; color: var(--plan-button-fg); background: var(--plan-button-bg); border: 1px solid var(--plan-button-border); padding: 3px 10px; cursor: pointer; }
button:hover { background: var(--plan-button-hover-bg); }
button.primary { color: var(--plan-primary-fg); background: var(--plan-primary-bg); }
.notes li { color: var(--plan-warning); }
.stale { position: sticky; top: 0; z-index: 1; margin: 0 -16px; padding: 6px 16px; background: var(--plan-bg); border-bottom: 2px solid var(--plan-warning); color: var(--plan-warning); }
.nodes { display: grid; grid-template-columns: repeat(auto-fill, minmax(260px, 1fr)); gap: 12px; }
.node { border: 1px solid var(--plan-border); border-radius: 4px; padding: 8px; background: var(--plan-node-bg); }
.node h3 { margin: 0 0 4px; }
.taint { font-size: 0.9em; color: var(--plan-muted); }
.bar-row { display: grid; grid-template-columns: 52px 1fr auto; gap: 6px; align-items: center; font-size: 0.9em; margin: 2px 0; }
.bar { width: 100%; height: 8px; }
.bar .track { fill: var(--plan-track); }
.bar .fill { fill: var(--plan-blue); }
.bar .fill.high { fill: var(--plan-orange); }
.bar .fill.full { fill: var(--plan-red); }
.pods { display: flex; flex-wrap: wrap; gap: 4px; margin-top: 6px; }
.pod { font-size: 0.85em; border-radius: 3px; padding: 1px 5px; background: var(--plan-badge-bg); color: var(--plan-badge-fg); }
.pod.not-ready { background: transparent; color: var(--plan-warning); border: 1px dashed var(--plan-warning); }
.pod a { color: inherit; }
.pending { border-left: 3px solid var(--plan-warning); padding-left: 10px; }
.pending li { margin: 4px 0; }
.reason { color: var(--plan-muted); }
.problems li { margin: 4px 0; }
.problem-message { color: var(--plan-error); }
table { border-collapse: collapse; margin: 6px 0 12px; }
th, td { text-align: left; padding: 2px 10px 2px 0; vertical-align: top; }
th { color: var(--plan-muted); font-weight: normal; border-bottom: 1px solid var(--plan-border); }
.over { color: var(--plan-error); }
.rollout-chart { width: 100%; max-width: 560px; height: auto; display: block; }
.rollout-chart .axis { stroke: var(--plan-fg); stroke-opacity: 0.5; }
.rollout-chart .tick, .rollout-chart .bound-label { fill: var(--plan-muted); font-size: 11px; }
.rollout-chart .bound { stroke-dasharray: 4 3; stroke-width: 1; }
.rollout-chart .bound-maxTotal { stroke: var(--plan-red); }
.rollout-chart .bound-minAvailable { stroke: var(--plan-yellow); }
.rollout-chart .series { fill: none; stroke-width: 2; }
.series-old { stroke: var(--plan-purple); fill: var(--plan-purple); }
.series-new { stroke: var(--plan-blue); fill: var(--plan-blue); }
.series-available { stroke: var(--plan-green); fill: var(--plan-green); }
.legend { font-size: 0.9em; color: var(--plan-muted); margin: 2px 0 6px; }
.swatch { display: inline-block; width: 10px; height: 10px; margin: 0 4px 0 8px; border-radius: 2px; }
.swatch.series-old { background: var(--plan-purple); }
.swatch.series-new { background: var(--plan-blue); }
.swatch.series-available { background: var(--plan-green); }
.outcome-stalled, .outcome-progressDeadlineExceeded { color: var(--plan-error); }
.verdict-survives, .allowed { color: var(--plan-green); }
.verdict-outage, .refused { color: var(--plan-error); }
.verdict-pending { color: var(--plan-warning); }
.allowed, .refused { cursor: help; white-space: nowrap; }
.matrix th, .matrix td { border: 1px solid var(--plan-border); padding: 2px 8px; }
.matrix tbody th { font-weight: normal; color: var(--plan-fg); }
.change-added { color: var(--plan-green); }
.change-removed { color: var(--plan-warning); }
.focused { outline: 2px solid var(--plan-focus); outline-offset: 2px; }
details summary { cursor: pointer; }
.events-heading { font-size: 1.15em; font-weight: bold; margin: 24px 0 8px; }
`;
