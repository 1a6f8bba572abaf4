/** summary.csv is opened in spreadsheets: text from the inputs must not run as a formula there (issue 12). */
import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { type DecodedTensor, decodeTensor } from '../crystens/decode';
import { ENTRIES, normalizationFor } from '../crystens/layout';
import { parseCsv } from '../ingest/csv';
import { generatedCrystalsZip } from './archives';

describe('summary.csv', () => {
  it("prefixes cells a spreadsheet would run as a formula with a single quote (OWASP)", () => {
    const failed = decodeTensor(new Float32Array(ENTRIES), normalizationFor(20), {}, 0, 'test');
    expect(failed.ok).toBe(false);
    const hostile = ['=HYPERLINK("http://x.example","open")', '+1+cmd|/C calc!A0', '-2+3', '@SUM(A1:A2)', '\tTAB', '\rCR', 'plain - text'];
    const decoded = hostile.map((reason, index) => ({ ...failed, index, reason }) as DecodedTensor);
    const summary = strFromU8(unzipSync(generatedCrystalsZip(decoded, 'hostile'))['summary.csv']!);
    const { header, rows } = parseCsv(summary);
    const failure = header.indexOf('failure');
    expect(rows.map((r) => r[failure])).toEqual([
      `'=HYPERLINK("http://x.example","open")`,
      "'+1+cmd|/C calc!A0",
      "'-2+3",
      "'@SUM(A1:A2)",
      "'\tTAB",
      "'\rCR",
      'plain - text',
    ]);
    expect(rows.map((r) => r[0])).toEqual(['1', '2', '3', '4', '5', '6', '7']);
  });
});
