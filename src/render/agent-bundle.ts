import { existsSync, readFileSync } from 'fs';
import { dirname, join } from 'path';
import { AGENT_BUNDLE_FILE } from '../agent/contract';

/** The package root: the nearest directory above this file with our package.json. */
function packageRoot(): string {
  let dir = __dirname;
  for (;;) {
    const pkg = join(dir, 'package.json');
    if (existsSync(pkg) && JSON.parse(readFileSync(pkg, 'utf8')).name === 'cdk8s-flink') return dir;
    const parent = dirname(dir);
    if (parent === dir) throw new Error('cdk8s-flink: cannot find the package root to load the HA agent bundle');
    dir = parent;
  }
}

let cached: string | undefined;

/** The bundled HA agent (assets/ha-agent.js), built by `npm run bundle:agent`. */
export function loadAgentBundle(): string {
  if (cached === undefined) {
    const file = join(packageRoot(), 'assets', AGENT_BUNDLE_FILE);
    if (!existsSync(file)) {
      throw new Error(
        `cdk8s-flink: the HA agent bundle ${file} is missing; run "npm run bundle:agent" (or disable the agent with haAgent: { enabled: false })`,
      );
    }
    cached = readFileSync(file, 'utf8');
  }
  return cached;
}
