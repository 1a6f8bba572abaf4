/** Bytes → text, refusing what is not text at once. */

/** Larger inputs are refused before any parsing: the largest real CIFs are a few MB. */
export const MAX_TEXT_BYTES = 64 * 1024 * 1024;

export type Decoded = { ok: true; text: string; warnings: string[] } | { ok: false; error: string };

/**
 * UTF-8 (with or without a byte-order mark), falling back to Windows-1252 for old files with other bytes.
 * Refuses files over MAX_TEXT_BYTES and binary files (NUL bytes, or many control characters, in the first 8 kB).
 */
export function decodeText(bytes: Uint8Array): Decoded {
  if (bytes.length > MAX_TEXT_BYTES) {
    return { ok: false, error: `too large (${(bytes.length / 1048576).toFixed(0)} MB; the limit is ${MAX_TEXT_BYTES / 1048576} MB)` };
  }
  const head = bytes.subarray(0, 8192);
  let control = 0;
  for (const b of head) {
    if (b === 0) return { ok: false, error: 'a binary file, not text (it contains NUL bytes)' };
    if (b < 32 && b !== 9 && b !== 10 && b !== 13 && b !== 12 && b !== 26) control++;
  }
  if (control > head.length / 20) return { ok: false, error: 'a binary file, not text' };
  const warnings: string[] = [];
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    text = new TextDecoder('windows-1252').decode(bytes);
    warnings.push('not valid UTF-8; read as Windows-1252');
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  return { ok: true, text, warnings };
}
