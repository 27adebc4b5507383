/**
 * The text of a manifest file, decoded as kubectl reads YAML: UTF-8 (with or without a
 * byte-order mark) or UTF-16 with a byte-order mark or the null bytes YAML's encoding
 * detection looks for. Anything else is refused with where it goes wrong, never replaced.
 */

/** Why a file's bytes are not text the conversion can read. */
export class ManifestEncodingError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ManifestEncodingError';
  }
}

const notUtf8 = (offset: number, byte: number, line: number) =>
  `is not UTF-8 text: byte 0x${byte.toString(16).padStart(2, '0')} at offset ${offset} (line ${line}) is not valid UTF-8; save the file as UTF-8`;
const utf32 = () => 'is UTF-32 text, which YAML tools do not read; save the file as UTF-8';
const badUtf16 = (encoding: string) =>
  `is not valid ${encoding.toUpperCase()} text (an unpaired surrogate); save the file as UTF-8`;
const oddUtf16 = () => 'is UTF-16 text with an odd number of bytes (cut short?); save the file as UTF-8';

/** The encoding YAML 1.2 detects from the first bytes (spec 5.2). */
function detect(bytes: Uint8Array): { encoding: 'utf-8' | 'utf-16le' | 'utf-16be'; skip: number } | 'utf-32' {
  const [a, b, c, d] = bytes;
  if ((a === 0 && b === 0 && c === 0xfe && d === 0xff) || (a === 0xff && b === 0xfe && c === 0 && d === 0))
    return 'utf-32';
  if (a === 0xfe && b === 0xff) return { encoding: 'utf-16be', skip: 2 };
  if (a === 0xff && b === 0xfe) return { encoding: 'utf-16le', skip: 2 };
  if (a === 0xef && b === 0xbb && c === 0xbf) return { encoding: 'utf-8', skip: 3 };
  if (bytes.length >= 2 && a === 0 && b !== 0) return { encoding: 'utf-16be', skip: 0 };
  if (bytes.length >= 2 && a !== 0 && b === 0) return { encoding: 'utf-16le', skip: 0 };
  return { encoding: 'utf-8', skip: 0 };
}

/** The first byte that is not valid UTF-8, if any. */
function firstInvalidUtf8(bytes: Uint8Array): number | undefined {
  for (let i = 0; i < bytes.length;) {
    const b = bytes[i];
    const n = b < 0x80 ? 0 : b >= 0xc2 && b <= 0xdf ? 1 : b >= 0xe0 && b <= 0xef ? 2 : b >= 0xf0 && b <= 0xf4 ? 3 : -1;
    if (n < 0) return i;
    for (let k = 1; k <= n; k++) if (i + k >= bytes.length || (bytes[i + k] & 0xc0) !== 0x80) return i;
    i += n + 1;
  }
  return undefined;
}

/** The text of a manifest file; throws a ManifestEncodingError naming the first undecodable byte. */
export function decodeManifest(bytes: Uint8Array): string {
  const detected = detect(bytes);
  if (detected === 'utf-32') throw new ManifestEncodingError(utf32());
  const body = bytes.subarray(detected.skip);
  if (detected.encoding !== 'utf-8') {
    if (body.length % 2) throw new ManifestEncodingError(oddUtf16());
    try {
      return new TextDecoder(detected.encoding, { fatal: true }).decode(body);
    } catch {
      throw new ManifestEncodingError(badUtf16(detected.encoding));
    }
  }
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(body);
  } catch {
    const at = firstInvalidUtf8(body) ?? 0;
    let line = 1;
    for (let i = 0; i < at; i++) if (body[i] === 0x0a) line++;
    throw new ManifestEncodingError(notUtf8(at + detected.skip, body[at], line));
  }
}
