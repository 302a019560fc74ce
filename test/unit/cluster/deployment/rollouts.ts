/** Rollouts of the test Deployment from one shape to another, for the tests that follow whole sequences. */
import assert from 'node:assert/strict';
import { simulateSpecChange, type RolloutOptions, type RolloutResult } from '../../../oracles/deployment';
import { deployment, START, type DeploymentShape } from './deployments';

/** The rollout of a new image over `shape`, fully rolled out before. */
export function imageChange(shape: DeploymentShape, options: Partial<RolloutOptions> = {}): RolloutResult {
  const result = simulateSpecChange(deployment(shape), deployment({ ...shape, image: 'nginx:1.26' }), { now: START, ...options });
  assert.ok(!('error' in result), 'error' in result ? result.error : '');
  return result;
}

/** `[new, old]` of each step. */
export const pairs = (result: RolloutResult) => result.steps.map((step) => [step.new, step.old]);
