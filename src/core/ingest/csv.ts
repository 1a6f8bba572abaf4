/** RFC 4180 CSV: quoted fields may hold commas, doubled quotes and line breaks (CDVAE's `cif` column does). */

export interface CsvTable {
  readonly header: readonly string[];
  readonly rows: readonly string[][];
}

export function parseCsv(text: string): CsvTable {
  const rows: string[][] = [];
  let row: string[] = [];
  let i = 0;
  const n = text.length;
  while (i < n) {
    let field: string;
    if (text.charCodeAt(i) === 34) {
      let value = '';
      let start = ++i;
      for (;;) {
        const q = text.indexOf('"', i);
        if (q < 0) throw new Error(`a quoted field opened near character ${start} is never closed`);
        if (text.charCodeAt(q + 1) === 34) {
          value += text.slice(start, q + 1);
          i = start = q + 2;
          continue;
        }
        value += text.slice(start, q);
        i = q + 1;
        break;
      }
      field = value;
    } else {
      let j = i;
      while (j < n) {
        const ch = text.charCodeAt(j);
        if (ch === 44 || ch === 10 || ch === 13) break;
        j++;
      }
      field = text.slice(i, j);
      i = j;
    }
    row.push(field);
    const ch = text.charCodeAt(i);
    if (ch === 44) {
      i++;
      if (i === n) row.push('');
      continue;
    }
    if (ch === 13) i++;
    if (text.charCodeAt(i) === 10) i++;
    rows.push(row);
    row = [];
  }
  if (row.length > 0) rows.push(row);
  const header = rows.shift() ?? [];
  return { header, rows: rows.filter((r) => !(r.length === 1 && r[0] === '')) };
}
