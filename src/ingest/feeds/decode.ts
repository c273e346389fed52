/**
 * Feed bytes to text. A byte-order mark wins; then the charset the server declares, then the XML
 * declaration's; a declaration that does not fit the bytes (a "wrong declared encoding") is dropped for
 * UTF-8, and bytes that are not UTF-8 either are read as Windows-1252, which never fails.
 */
export function decodeFeed(
  bytes: Uint8Array,
  contentType?: string | null,
): { text: string; encoding: string; mismatch: boolean } {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf)
    return { text: decode(bytes.subarray(3), 'utf-8'), encoding: 'utf-8', mismatch: false };
  if (bytes[0] === 0xff && bytes[1] === 0xfe)
    return { text: decode(bytes.subarray(2), 'utf-16le'), encoding: 'utf-16le', mismatch: false };
  if (bytes[0] === 0xfe && bytes[1] === 0xff)
    return { text: decode(bytes.subarray(2), 'utf-16be'), encoding: 'utf-16be', mismatch: false };
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, 200));
  const declared =
    /charset\s*=\s*["']?([\w.:-]+)/i.exec(contentType ?? '')?.[1] ??
    /<\?xml[^>]*encoding\s*=\s*["']([\w.:-]+)["']/i.exec(head)?.[1];
  // Bytes that are valid UTF-8 with multi-byte characters are UTF-8, whatever a single-byte label says:
  // "TÃ¼rkiye" is never what a publisher meant.
  const utf8 = tryDecode(bytes, 'utf-8');
  const looksUtf8 = utf8 !== null && /[\u0080-\uffff]/.test(utf8);
  if (declared && !(looksUtf8 && !/^utf-?(8|16)/i.test(declared))) {
    const text = tryDecode(bytes, declared);
    if (text !== null) return { text, encoding: declared.toLowerCase(), mismatch: false };
  }
  if (utf8 !== null)
    return {
      text: utf8,
      encoding: 'utf-8',
      mismatch: Boolean(declared) && !/^utf-?8$/i.test(declared ?? ''),
    };
  return { text: decode(bytes, 'windows-1252'), encoding: 'windows-1252', mismatch: Boolean(declared) };
}

function tryDecode(bytes: Uint8Array, label: string): string | null {
  try {
    return new TextDecoder(label, { fatal: true }).decode(bytes);
  } catch {
    return null; // unknown label, or bytes that are not in that encoding
  }
}

function decode(bytes: Uint8Array, label: string): string {
  return new TextDecoder(label).decode(bytes);
}
