import { backoffDelay } from '../../../src/agent/runtime/clock';

test('backoff grows, is capped and jittered', () => {
  expect(backoffDelay(0, 500, 30_000, () => 0)).toBe(250);
  expect(backoffDelay(0, 500, 30_000, () => 1)).toBe(500);
  expect(backoffDelay(3, 500, 30_000, () => 1)).toBe(4000);
  expect(backoffDelay(20, 500, 30_000, () => 1)).toBe(30_000);
});
