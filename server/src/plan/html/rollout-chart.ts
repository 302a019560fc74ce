/**
 * A rollout as a line chart drawn in SVG: old, new and available pods after each step, with the bounds a rolling
 * update keeps — at most maxTotal pods (replicas + maxSurge) and at least minAvailable available
 * (replicas − maxUnavailable) — as horizontal lines at their heights on the same scale.
 */
import type { PlannedRollout } from '../../protocol/plan';
import { escapeHtml } from './escape';

const WIDTH = 560;
const HEIGHT = 200;
const MARGIN = { left: 32, right: 120, top: 14, bottom: 26 };
const PLOT_WIDTH = WIDTH - MARGIN.left - MARGIN.right;
const PLOT_HEIGHT = HEIGHT - MARGIN.top - MARGIN.bottom;

type Series = 'old' | 'new' | 'available';
const SERIES: readonly Series[] = ['old', 'new', 'available'];

export function rolloutChart(rollout: PlannedRollout): string {
  const steps = rollout.steps;
  const rolling = rollout.strategy === 'RollingUpdate';
  const top = Math.max(1, rollout.replicas, ...(rolling ? [rollout.maxTotal] : []), ...steps.map((step) => Math.max(step.total, step.available, step.old, step.new)));
  const y = (value: number) => round(MARGIN.top + PLOT_HEIGHT * (1 - value / top));
  const x = (index: number) => round(steps.length <= 1 ? MARGIN.left + PLOT_WIDTH / 2 : MARGIN.left + (PLOT_WIDTH * index) / (steps.length - 1));
  const right = MARGIN.left + PLOT_WIDTH;
  const parts: string[] = [];
  parts.push(`<line class="axis" data-axis="0" x1="${MARGIN.left}" x2="${right}" y1="${y(0)}" y2="${y(0)}"/>`);
  parts.push(`<text class="tick" x="${MARGIN.left - 6}" y="${y(0) + 4}" text-anchor="end">0</text>`);
  parts.push(`<text class="tick" x="${MARGIN.left - 6}" y="${y(top) + 4}" text-anchor="end">${top}</text>`);
  if (rolling) {
    parts.push(boundLine('maxTotal', `max ${rollout.maxTotal} pods`, y(rollout.maxTotal), right));
    parts.push(boundLine('minAvailable', `min ${rollout.minAvailable} available`, y(rollout.minAvailable), right));
  }
  for (const series of SERIES) {
    const points = steps.map((step, index) => `${x(index)},${y(step[series])}`).join(' ');
    parts.push(`<polyline class="series series-${series}" data-series="${series}" points="${points}"/>`);
    steps.forEach((step, index) => {
      parts.push(`<circle class="series-${series}" cx="${x(index)}" cy="${y(step[series])}" r="3"><title>step ${index + 1}: ${step[series]} ${series}</title></circle>`);
    });
  }
  steps.forEach((_, index) => parts.push(`<text class="tick" x="${x(index)}" y="${HEIGHT - 8}" text-anchor="middle">${index + 1}</text>`));
  const label = `Rollout of ${rollout.deployment}: old, new and available pods over ${steps.length} steps`;
  return `<svg class="rollout-chart" viewBox="0 0 ${WIDTH} ${HEIGHT}" role="img" aria-label="${escapeHtml(label)}">${parts.join('')}</svg>` + legend();
}

function legend(): string {
  return `<div class="legend">${SERIES.map((series) => `<span class="swatch series-${series}"></span>${series}`).join(' ')}</div>`;
}

function boundLine(bound: 'maxTotal' | 'minAvailable', label: string, height: number, right: number): string {
  return (
    `<line class="bound bound-${bound}" data-bound="${bound}" x1="${MARGIN.left}" x2="${right}" y1="${height}" y2="${height}"/>` +
    `<text class="bound-label" x="${right + 8}" y="${height + 4}">${escapeHtml(label)}</text>`
  );
}

function round(value: number): number {
  return Math.round(value * 100) / 100;
}
