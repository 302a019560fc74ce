/** The plan view's style sheet: the editor's theme through VS Code's CSS variables, nothing loaded from elsewhere. */
export const VIEW_STYLES = `
body { font-family: var(--vscode-font-family); font-size: var(--vscode-font-size); color: var(--vscode-foreground); background: var(--vscode-editor-background); padding: 0 16px 24px; }
h1 { font-size: 1.4em; margin: 16px 0 4px; }
h2 { font-size: 1.15em; margin: 24px 0 8px; border-bottom: 1px solid var(--vscode-panel-border); padding-bottom: 4px; }
h3 { font-size: 1em; margin: 12px 0 6px; }
a { color: var(--vscode-textLink-foreground); text-decoration: none; cursor: pointer; }
a:hover, a:focus { color: var(--vscode-textLink-activeForeground); text-decoration: underline; }
.summary, .muted { color: var(--vscode-descriptionForeground); }
.toolbar { display: flex; gap: 8px; flex-wrap: wrap; margin: 8px 0; }
button { font: inherit; color: var(--vscode-button-secondaryForeground); background: var(--vscode-button-secondaryBackground); border: 1px solid var(--vscode-button-border, transparent); padding: 3px 10px; cursor: pointer; }
button:hover { background: var(--vscode-button-secondaryHoverBackground); }
button.primary { color: var(--vscode-button-foreground); background: var(--vscode-button-background); }
.notes li { color: var(--vscode-editorWarning-foreground); }
.nodes { display: grid; grid-template-columns: repeat(auto-fill, minmax(260px, 1fr)); gap: 12px; }
.node { border: 1px solid var(--vscode-panel-border); border-radius: 4px; padding: 8px; background: var(--vscode-sideBar-background, transparent); }
.node h3 { margin: 0 0 4px; }
.taint { font-size: 0.9em; color: var(--vscode-descriptionForeground); }
.bar-row { display: grid; grid-template-columns: 52px 1fr auto; gap: 6px; align-items: center; font-size: 0.9em; margin: 2px 0; }
.bar { width: 100%; height: 8px; }
.bar .track { fill: var(--vscode-editorWidget-border, var(--vscode-panel-border)); }
.bar .fill { fill: var(--vscode-charts-blue); }
.bar .fill.high { fill: var(--vscode-charts-orange); }
.bar .fill.full { fill: var(--vscode-charts-red); }
.pods { display: flex; flex-wrap: wrap; gap: 4px; margin-top: 6px; }
.pod { font-size: 0.85em; border-radius: 3px; padding: 1px 5px; background: var(--vscode-badge-background); color: var(--vscode-badge-foreground); }
.pod.not-ready { background: transparent; color: var(--vscode-editorWarning-foreground); border: 1px dashed var(--vscode-editorWarning-foreground); }
.pod a { color: inherit; }
.pending { border-left: 3px solid var(--vscode-editorWarning-foreground); padding-left: 10px; }
.pending li { margin: 4px 0; }
.reason { color: var(--vscode-descriptionForeground); }
.problems li { margin: 4px 0; }
.problem-message { color: var(--vscode-errorForeground); }
table { border-collapse: collapse; margin: 6px 0 12px; }
th, td { text-align: left; padding: 2px 10px 2px 0; vertical-align: top; }
th { color: var(--vscode-descriptionForeground); font-weight: normal; border-bottom: 1px solid var(--vscode-panel-border); }
.over { color: var(--vscode-errorForeground); }
.rollout-chart { width: 100%; max-width: 560px; height: auto; display: block; }
.rollout-chart .axis { stroke: var(--vscode-foreground); stroke-opacity: 0.5; }
.rollout-chart .tick, .rollout-chart .bound-label { fill: var(--vscode-descriptionForeground); font-size: 11px; }
.rollout-chart .bound { stroke-dasharray: 4 3; stroke-width: 1; }
.rollout-chart .bound-maxTotal { stroke: var(--vscode-charts-red); }
.rollout-chart .bound-minAvailable { stroke: var(--vscode-charts-yellow); }
.rollout-chart .series { fill: none; stroke-width: 2; }
.series-old { stroke: var(--vscode-charts-purple); fill: var(--vscode-charts-purple); }
.series-new { stroke: var(--vscode-charts-blue); fill: var(--vscode-charts-blue); }
.series-available { stroke: var(--vscode-charts-green); fill: var(--vscode-charts-green); }
.legend { font-size: 0.9em; color: var(--vscode-descriptionForeground); margin: 2px 0 6px; }
.swatch { display: inline-block; width: 10px; height: 10px; margin: 0 4px 0 8px; border-radius: 2px; }
.swatch.series-old { background: var(--vscode-charts-purple); }
.swatch.series-new { background: var(--vscode-charts-blue); }
.swatch.series-available { background: var(--vscode-charts-green); }
.outcome-stalled, .outcome-progressDeadlineExceeded { color: var(--vscode-errorForeground); }
.focused { outline: 2px solid var(--vscode-focusBorder); outline-offset: 2px; }
details summary { cursor: pointer; }
.events-heading { font-size: 1.15em; font-weight: bold; margin: 24px 0 8px; }
`;
