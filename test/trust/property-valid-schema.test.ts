import * as fc from 'fast-check';
import { validProps } from '../support/arbitraries';
import { configureSeed, runs } from '../support/fc-seed';
import { validateObjects } from '../support/k8s/schema';
import { synthCluster } from '../support/synth';

const seed = configureSeed();

test(`a sample of valid prop sets validates against the OpenAPI schemas, in one batch (seed ${seed})`, () => {
  // fc.sample draws from the seeded generator; all objects go to one validator process.
  const samples = fc.sample(validProps, runs(200));
  const batches = samples.map((props) => synthCluster(props).objects);
  const results = validateObjects(batches.flat());
  const failures: string[] = [];
  let offset = 0;
  batches.forEach((objects, i) => {
    const mine = results.slice(offset, offset + objects.length);
    offset += objects.length;
    const problems = mine.flatMap((r) => r.problems.map((p) => `${r.object}: ${p}`));
    if (problems.length) failures.push(`sample ${i} (${JSON.stringify(samples[i].clusterId)}): ${problems.join('; ')}`);
  });
  expect(results).toHaveLength(batches.flat().length);
  expect(failures).toEqual([]);
});
