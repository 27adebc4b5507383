import { HaRole } from '../../../src/agent/contract';
import { Reporter } from '../../../src/agent/reporting/reporter';
import { ApiLink } from '../../../src/agent/runtime/api-link';
import { silentLogger } from '../../../src/agent/runtime/log';
import { FakeClock, FakeKube } from '../support/fake-kube';

/** A FakeKube whose Event writes answer only when released, as a busy API server would. */
class SlowEvents extends FakeKube {
  private readonly pending: Array<() => void> = [];
  public async createEvent(ns: string, event: Parameters<FakeKube['createEvent']>[1]) {
    await new Promise<void>((resolve) => this.pending.push(resolve));
    return super.createEvent(ns, event);
  }
  public release(): void {
    this.pending.splice(0).forEach((r) => r());
  }
}

test('a leader change and the role change it causes are both recorded while the first Event is in flight', async () => {
  const api = new SlowEvents();
  const clock = new FakeClock();
  const errors: string[] = [];
  const link = new ApiLink(clock, (op, e) => errors.push(`${op}: ${(e as Error).message}`));
  const reporter = new Reporter(api, clock, silentLogger, { namespace: 'flink', podName: 'jm-0' }, (op, fn) =>
    link.call(op, fn),
  );
  reporter.newLeader('10.0.0.2', '10.0.0.1');
  const role = reporter.roleLabeled(HaRole.UNKNOWN, HaRole.STANDBY, 'the leader is 10.0.0.2');
  await new Promise((r) => setImmediate(r));
  api.release();
  await role;
  await new Promise((r) => setImmediate(r));
  expect(errors).toEqual([]);
  expect(api.events.map((e) => e.reason).sort()).toEqual(['HARoleChanged', 'LeaderChanged']);
});
