import JsBarcode from 'jsbarcode';
import qrcode from 'qrcode-generator';

/** The QR code's dark modules, row by row (error correction M: a till's scanner reads it through a scratched screen). */
export function qrRows(text: string): boolean[][] {
  const qr = qrcode(0, 'M');
  qr.addData(text);
  qr.make();
  const n = qr.getModuleCount();
  return Array.from({ length: n }, (_, r) => Array.from({ length: n }, (_, c) => qr.isDark(r, c)));
}

/** CODE128 bars as runs of [dark, width in modules], what a handheld barcode scanner reads. */
export function barRuns(text: string): [boolean, number][] {
  const out: { encodings?: { data: string }[] } = {};
  JsBarcode(out, text, { format: 'CODE128' });
  const bits = (out.encodings ?? []).map((e) => e.data).join('');
  const runs: [boolean, number][] = [];
  for (const bit of bits) {
    const dark = bit === '1';
    const last = runs[runs.length - 1];
    if (last && last[0] === dark) last[1]++;
    else runs.push([dark, 1]);
  }
  return runs;
}
