import { CONFIG_SECTIONS, ownerOf } from '../../src/model/config-sections';
import { expandPattern, misspelledTypedKey, TYPED_KEYS } from '../../src/convert/typed-keys';
import { READ_OWNERS } from '../../src/convert/typed-readers';

test('finite owned-key patterns spell out every key they match; open ones spell out nothing', () => {
  expect(expandPattern(/^high-availability(\.type)?$/)).toEqual(['high-availability', 'high-availability.type']);
  expect(expandPattern(/^state\.(checkpoints\.(dir|num-retained)|savepoints\.dir)$/)).toEqual([
    'state.checkpoints.dir',
    'state.checkpoints.num-retained',
    'state.savepoints.dir',
  ]);
  expect(expandPattern(/^\$internal\.pipeline\.job-id$/)).toEqual(['$internal.pipeline.job-id']);
  expect(expandPattern(/^restart-strategy(\..*)?$/)).toBeUndefined();
  expect(expandPattern(/^metrics\.reporter\.prom\..*$/)).toBeUndefined();
  expect(expandPattern(/unanchored/)).toBeUndefined();
});

test('every typed key is owned by a prop of the config sections, so the lists cannot drift', () => {
  for (const key of TYPED_KEYS) {
    const owner = ownerOf(key);
    expect([key, owner && !owner.startsWith('nothing: ')]).toEqual([key, true]);
  }
  for (const section of CONFIG_SECTIONS) {
    for (const owned of section.owns) {
      const spelled = expandPattern(owned.keys);
      if (!spelled || owned.owner.startsWith('nothing: ')) continue;
      for (const key of spelled)
        expect([key, TYPED_KEYS.includes(key) || !!misspelledTypedKey(key)]).toEqual([key, true]);
    }
  }
});

test('the converter reads keys only for props that own keys', () => {
  const owners = new Set(CONFIG_SECTIONS.flatMap((s) => s.owns.map((o) => o.owner)));
  expect(READ_OWNERS.filter((o) => !owners.has(o))).toEqual([]);
});

test('a misspelling differs from a typed key only in case, "-" and "_"', () => {
  expect(misspelledTypedKey('high-availability.storage-dir')).toBe('high-availability.storageDir');
  expect(misspelledTypedKey('taskmanager.number-of-task-slots')).toBe('taskmanager.numberOfTaskSlots');
  expect(misspelledTypedKey('Execution.Checkpointing.Interval')).toBe('execution.checkpointing.interval');
  expect(misspelledTypedKey('high-availability.storageDir')).toBeUndefined();
  expect(misspelledTypedKey('pekko.ask.timeout')).toBeUndefined();
});
