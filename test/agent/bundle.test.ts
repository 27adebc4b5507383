import { execFileSync, spawnSync } from 'child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { dirname, join, relative, resolve } from 'path';

/** Builds the bundle as `npm run bundle:agent` does; returns its size in bytes. */
function bundleAgent(outfile: string): { bytes: number } {
  execFileSync(process.execPath, [join(__dirname, '..', '..', 'scripts', 'bundle-agent.js'), outfile], {
    stdio: 'pipe',
  });
  return { bytes: readFileSync(outfile).length };
}

describe('agent bundle', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'ha-agent-bundle-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  test('byte-identical across builds, small, self-contained', () => {
    const a = join(dir, 'a.js');
    const b = join(dir, 'b.js');
    const size = bundleAgent(a);
    bundleAgent(b);
    expect(readFileSync(a).equals(readFileSync(b))).toBe(true);
    expect(size.bytes).toBeLessThan(100 * 1024);
    const text = readFileSync(a, 'utf8');
    // Only Node built-ins may be required at run time.
    const requires = [...text.matchAll(/require\("([^"]+)"\)/g)].map((m) => m[1]);
    for (const r of requires)
      expect(r).toMatch(
        /^(node:)?(fs|fs\/promises|http|https|net|path|os|crypto|url|zlib|events|stream|util|child_process|readline)$/,
      );
    expect(text).not.toContain(process.cwd());
  });

  test('a bad environment exits 2 with a JSON error naming the problems', () => {
    const out = join(dir, 'agent.js');
    bundleAgent(out);
    const r = spawnSync(process.execPath, [out], {
      env: { PATH: process.env.PATH, KUBE_API_URL: 'http://127.0.0.1:9' },
      encoding: 'utf8',
      timeout: 10_000,
    });
    expect(r.status).toBe(2);
    const line = JSON.parse(r.stdout.trim().split('\n')[0]);
    expect(line).toMatchObject({ level: 'error' });
    expect(line.msg).toContain('POD_NAME is required');
    expect(line.msg).toContain('FLINK_CLUSTER_ID is required');
  });
});

test('the agent imports nothing outside src/agent (agent/Dockerfile copies only that folder)', () => {
  const root = join(__dirname, '..', '..', 'src', 'agent');
  const files = readdirSync(root, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.ts'));
  for (const file of files) {
    const text = readFileSync(join(root, file), 'utf8');
    for (const [, spec] of text.matchAll(/(?:from|import)\s*\(?\s*'(\.[^']*)'/g)) {
      const target = resolve(dirname(join(root, file)), spec);
      expect(`${file}: ${relative(root, target)}`).not.toMatch(/: \.\./);
    }
  }
});
