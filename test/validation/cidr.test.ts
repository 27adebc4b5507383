import { parseCidr, strictlyInside } from '../../src/validation/cidr';

test.each(['10.0.0.0/8', '10.1.2.3/32', '0.0.0.0/0', 'fd00::/8', '::/0', '2001:db8::1/128', '::ffff:10.0.0.1/120'])(
  'a CIDR: %s',
  (c) => expect(parseCidr(c)).toBeDefined(),
);

test.each([
  '10.0.0.0',
  '10.0.0.0/33',
  '999.0.0.0/8',
  '10.0.0/8',
  'fd00::/129',
  'fe80::1%eth0/64',
  ' 10.0.0.0/8',
  'x/8',
  8,
])('not a CIDR: %s', (c) => expect(parseCidr(c)).toBeUndefined());

test('except entries must be strictly inside, in the same family', () => {
  const inside = (a: string, b: string) => strictlyInside(parseCidr(a)!, parseCidr(b)!);
  expect(inside('10.1.0.0/16', '10.0.0.0/8')).toBe(true);
  expect(inside('11.0.0.0/16', '10.0.0.0/8')).toBe(false);
  expect(inside('10.0.0.0/8', '10.0.0.0/8')).toBe(false);
  expect(inside('fd12::/16', 'fd00::/8')).toBe(true);
  expect(inside('fe00::/16', 'fd00::/8')).toBe(false);
  expect(inside('fd00::/16', '10.0.0.0/8')).toBe(false);
  expect(inside('::ffff:10.1.0.0/112', '::ffff:10.0.0.0/104')).toBe(true);
});
