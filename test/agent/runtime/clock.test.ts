import { backoffDelay, systemClock } from '../../../src/agent/runtime/clock';

test('backoff grows, is capped and jittered', () => {
  expect(backoffDelay(0, 500, 30_000, () => 0)).toBe(250);
  expect(backoffDelay(0, 500, 30_000, () => 1)).toBe(500);
  expect(backoffDelay(3, 500, 30_000, () => 1)).toBe(4000);
  expect(backoffDelay(20, 500, 30_000, () => 1)).toBe(30_000);
});

test('a sleep longer than a timer can hold does not end at once (no busy loop), and aborts', async () => {
  const controller = new AbortController();
  let ended = false;
  const sleeping = systemClock.sleep(100 * 86_400_000, controller.signal).then(() => (ended = true));
  await new Promise((r) => setTimeout(r, 50));
  expect(ended).toBe(false);
  controller.abort();
  await sleeping;
  expect(ended).toBe(true);
});
