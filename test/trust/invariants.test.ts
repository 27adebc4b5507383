import { INVARIANTS, clusterView } from '../support/invariants';
import { synthCluster } from '../support/synth';
import { TRUST_SCENARIOS } from '../support/trust-scenarios';

const views = Object.entries(TRUST_SCENARIOS).map(([name, props]) => {
  const { cluster, objects } = synthCluster(props());
  return [name, clusterView(objects, cluster)] as const;
});

describe.each(Object.entries(INVARIANTS))('%s', (_invariant, check) => {
  test.each(views)('%s', (_scenario, view) => {
    expect(check(view)).toEqual([]);
  });
});
