import { readdirSync, readFileSync, statSync } from 'fs';
import { dirname, join, relative, resolve } from 'path';

export const ROOT = join(__dirname, '..', '..');

/**
 * The rooms of src/, lowest first. A room may import only from rooms before it in this
 * list (and from itself); `agent` is a wing of its own that shares only its contract.
 */
export const LAYERS = [
  'validation',
  'agent-contract',
  'flink',
  'props',
  'model',
  'render',
  'convert',
  'cluster',
  'gitops',
  'agent',
  'cli',
  'index',
] as const;
export type Room = (typeof LAYERS)[number];

/** The room a file under src/ belongs to. */
export function roomOf(file: string): Room {
  const rel = relative(join(ROOT, 'src'), file).split(/[\\/]/);
  if (rel.length === 1) {
    if (rel[0] === 'index.ts') return 'index';
    if (rel[0] === 'cli.ts') return 'cli';
    throw new Error(`file outside every room: src/${rel.join('/')}`);
  }
  if (rel[0] === 'agent' && rel[rel.length - 1] === 'contract.ts') return 'agent-contract';
  if (!(LAYERS as readonly string[]).includes(rel[0])) throw new Error(`unknown room: src/${rel[0]}`);
  return rel[0] as Room;
}

export function sourceFiles(dir = join(ROOT, 'src')): string[] {
  return readdirSync(dir).flatMap((e) => {
    const p = join(dir, e);
    return statSync(p).isDirectory() ? sourceFiles(p) : p.endsWith('.ts') ? [p] : [];
  });
}

/** Relative imports of a file, resolved to files (type-only imports included: they are arrows too). */
export function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const specs = [...text.matchAll(/(?:from|import)\s*\(?\s*'(\.{1,2}\/[^']+)'/g)].map((m) => m[1]);
  return specs.map((s) => {
    const base = resolve(dirname(file), s);
    for (const candidate of [base + '.ts', join(base, 'index.ts'), base]) {
      try {
        if (statSync(candidate).isFile()) return candidate;
      } catch {
        /* try the next */
      }
    }
    return base;
  });
}

/** Room-level edges "from -> to" (self edges left out), sorted. */
export function roomEdges(): string[] {
  const edges = new Set<string>();
  for (const file of sourceFiles()) {
    const from = roomOf(file);
    for (const target of importsOf(file)) {
      if (!target.startsWith(join(ROOT, 'src'))) continue;
      const to = roomOf(target);
      if (to !== from) edges.add(`${from} -> ${to}`);
    }
  }
  return [...edges].sort();
}
