import * as fc from 'fast-check';
import { validProps } from '../support/arbitraries';
import { configureSeed, runs } from '../support/fc-seed';
import { clusterView, invariantViolations } from '../support/invariants';
import { strictProblems } from '../support/k8s/strict';
import { synthCluster } from '../support/synth';

const seed = configureSeed();

test(`valid props synthesize, meet every invariant and the strict field rules (seed ${seed})`, () => {
  fc.assert(
    fc.property(validProps, (props) => {
      const { cluster, objects } = synthCluster(props);
      expect(invariantViolations(clusterView(objects, cluster))).toEqual([]);
      expect(objects.flatMap((o) => strictProblems(o).problems)).toEqual([]);
    }),
    { numRuns: runs(2000) },
  );
});
