/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  // Type-checking happens once in `npm run typecheck`; jest only transpiles.
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.dev.json' }] },
  moduleFileExtensions: ['ts', 'js', 'json'],
  // Jest's default (one worker less than the CPUs) runs everything in one process on a 2-CPU machine.
  maxWorkers: '100%',
};
