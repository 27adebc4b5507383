import { readFileSync } from 'fs';
import { join, relative } from 'path';
import { importsOf, LAYERS, ROOT, roomEdges, roomOf, sourceFiles } from './support/architecture';

test('every import points to a lower room (no upward arrows, so no cycles between rooms)', () => {
  const upward: string[] = [];
  for (const file of sourceFiles()) {
    const from = roomOf(file);
    for (const target of importsOf(file)) {
      if (!target.startsWith(join(ROOT, 'src'))) continue;
      const to = roomOf(target);
      if (to === 'agent-contract' || from === to) continue;
      const allowed = from === 'agent' ? to === 'validation' : LAYERS.indexOf(to) < LAYERS.indexOf(from);
      if (!allowed) upward.push(`${relative(ROOT, file)} (${from}) imports ${relative(ROOT, target)} (${to})`);
    }
  }
  expect(upward).toEqual([]);
});

test('the graph in docs/architecture.md is the graph of the code', () => {
  const doc = readFileSync(join(ROOT, 'docs', 'architecture.md'), 'utf8');
  const drawn = [...doc.matchAll(/^ {2}([\w-]+) --> ([\w-]+)$/gm)].map((m) => `${m[1]} -> ${m[2]}`).sort();
  expect(drawn).toEqual(roomEdges());
});

test('validation rules throw only from validation helpers, props, model and the named render-time asserts', () => {
  const allowed = (f: string) => /^src\/(validation|props|model)\//.test(f) || f === 'src/render/asserts.ts';
  const offenders = sourceFiles()
    .map((f) => relative(ROOT, f))
    .filter((f) => !f.startsWith('src/convert/') && !f.startsWith('src/agent/') && !f.startsWith('src/cli'))
    .filter((f) => /(^|[^\w.])fail\(/m.test(readFileSync(join(ROOT, f), 'utf8').replace(/function fail\(/, '')))
    .filter((f) => !allowed(f));
  expect(offenders).toEqual([]);
});
