import { execFileSync } from 'child_process';
import { join } from 'path';
import { main } from '../src/cli';

const io = () => {
  const out: string[] = [];
  const err: string[] = [];
  return {
    io: { stdout: { write: (s: string) => out.push(s) }, stderr: { write: (s: string) => err.push(s) } },
    out,
    err,
  };
};

test('help and unknown commands', async () => {
  const a = io();
  expect(await main(['--help'], a.io)).toBe(0);
  expect(a.out.join('')).toContain('ha status|clean');
  const b = io();
  expect(await main(['nope'], b.io)).toBe(2);
  expect(b.err.join('')).toMatch(/^unknown command nope/);
});

test('ha is dispatched to the HA CLI', async () => {
  const t = io();
  expect(await main(['ha', 'status'], t.io)).toBe(2);
  expect(t.err.join('')).toMatch(/--cluster-id is required/);
});

test('the bin script runs', () => {
  const out = execFileSync('node', [join(__dirname, '..', 'bin', 'cdk8s-flink'), 'ha', '--help'], { encoding: 'utf8' });
  expect(out).toMatch(/^usage: cdk8s-flink ha <command>/);
});
