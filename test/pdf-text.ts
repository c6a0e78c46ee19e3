/**
 * Reads back the text a pdf-lib document drew: inflates each content stream and decodes the hex strings
 * shown with Tj (WinAnsi, which for the characters we use is Latin-1 apart from the dash and dot).
 * Enough to check a statement says what it should, without a PDF rendering library.
 */
import zlib from 'node:zlib';

const winAnsiExtras: Record<number, string> = { 0x97: '—', 0x96: '–', 0xb7: '·' };

export function pdfText(bytes: Uint8Array): string[] {
  const raw = Buffer.from(bytes).toString('latin1');
  const lines: string[] = [];
  // Each stream is read by its dictionary's /Length: compressed bytes may themselves end in CR or LF.
  for (const match of raw.matchAll(/\/Length (\d+)[^>]*>>\s*stream\r?\n/g)) {
    const body = raw.slice(match.index + match[0].length, match.index + match[0].length + Number(match[1]));
    let content: string;
    try {
      content = zlib.inflateSync(Buffer.from(body, 'latin1')).toString('latin1');
    } catch {
      content = body;
    }
    for (const shown of content.matchAll(/<([0-9A-Fa-f]*)>\s*Tj/g)) {
      const hex = shown[1]!;
      let text = '';
      for (let i = 0; i < hex.length; i += 2) {
        const code = parseInt(hex.slice(i, i + 2), 16);
        text += winAnsiExtras[code] ?? String.fromCharCode(code);
      }
      lines.push(text);
    }
  }
  return lines;
}
