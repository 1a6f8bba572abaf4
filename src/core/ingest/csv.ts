/**
 * RFC 4180 CSV: quoted fields may hold commas, doubled quotes and line breaks (CDVAE's `cif` column does).
 * A broken row (a quote never closed, text after a closing quote, the wrong number of fields) is refused alone
 * with its line, and reading goes on at the next line that reads as a whole row: one bad row costs that row only.
 */

/** One record after the header: its fields, or why it is not a row. `line` is where it starts (1-based). */
export type CsvRecord = { readonly line: number; readonly fields: readonly string[] } | { readonly line: number; readonly error: string };

/** A CSV read record by record, broken records kept in place (what the importer reads). */
export interface CsvRecords {
  readonly header: readonly string[];
  readonly records: readonly CsvRecord[];
}

/** A CSV that must be whole (the datasets tests and benchmarks read): its rows' fields. */
export interface CsvTable {
  readonly header: readonly string[];
  readonly rows: readonly (readonly string[])[];
}

const QUOTE = 34;
const COMMA = 44;
const LF = 10;
const CR = 13;

/** A record read, or what broke it: a quote opened at `opened` never closed, or text (`after`) after its close. */
type RawRecord = { fields: string[]; end: number } | { opened: number; after?: string; end: number };

/** Throws only when the header itself cannot be read: without it no record means anything. */
export function readCsvRecords(text: string): CsvRecords {
  const reader = new RecordReader(text);
  const n = text.length;
  const first = reader.read(0);
  if (!('fields' in first)) throw new Error(`the header (line 1) ${reader.describe(first)}`);
  const header = first.fields;
  const records: CsvRecord[] = [];
  let pos = first.end;
  while (pos < n) {
    const line = reader.lineOf(pos);
    const record = reader.read(pos);
    if ('fields' in record) {
      pos = record.end;
      if (record.fields.length === 1 && record.fields[0] === '') continue; // a blank line
      records.push(
        record.fields.length === header.length
          ? { line, fields: record.fields }
          : { line, error: `has ${record.fields.length} fields where the header has ${header.length}` },
      );
      continue;
    }
    const why = reader.describe(record); // before counting further lines: the counter only goes forward cheaply
    const resume = reader.nextWholeRow(pos, header.length);
    const last = reader.lineOf(Math.max(pos, resume - 1));
    const skipped = last > line ? `; lines ${line}–${last} were skipped as this row` : '';
    records.push({ line, error: `${why}${skipped}` });
    pos = resume;
  }
  return { header, records };
}

/** Reads a CSV that must be whole; throws at the first broken record, naming its line. */
export function parseCsv(text: string): CsvTable {
  const { header, records } = readCsvRecords(text);
  const rows = records.map((r) => {
    if ('error' in r) throw new Error(`the row on line ${r.line} ${r.error}`);
    return r.fields;
  });
  return { header, rows };
}

class RecordReader {
  private readonly n: number;
  /** No quoted field that opens after this index can close: a quick answer for a quote never closed. */
  private readonly lastQuote: number;
  private countedTo = 0;
  private linesBefore = 1;

  constructor(private readonly text: string) {
    this.n = text.length;
    this.lastQuote = text.lastIndexOf('"');
  }

  /** The line (1-based) of position `pos`; counts forward from the last position asked about. */
  lineOf(pos: number): number {
    if (pos < this.countedTo) {
      this.countedTo = 0;
      this.linesBefore = 1;
    }
    for (let i = this.countedTo; i < pos; i++) if (this.text.charCodeAt(i) === LF) this.linesBefore++;
    this.countedTo = pos;
    return this.linesBefore;
  }

  /** Why a record is broken, naming the line its quote opened on (at or after the last line asked about). */
  describe(broken: { opened: number; after?: string }): string {
    const line = this.lineOf(broken.opened);
    return broken.after === undefined
      ? `has a quoted field opened on line ${line} that is never closed`
      : `has ${JSON.stringify(broken.after)} after the closing quote of a field opened on line ${line}`;
  }

  /** One record starting at `start`: up to a line break outside quotes, or the end of the text. */
  read(start: number): RawRecord {
    const t = this.text;
    const fields: string[] = [];
    let i = start;
    for (;;) {
      let field: string;
      if (t.charCodeAt(i) === QUOTE) {
        const opened = i;
        let value = '';
        let from = i + 1;
        for (;;) {
          const q = from > this.lastQuote ? -1 : t.indexOf('"', from);
          if (q < 0) return { opened, end: this.n };
          if (t.charCodeAt(q + 1) === QUOTE) {
            value += t.slice(from, q + 1);
            from = q + 2;
            continue;
          }
          value += t.slice(from, q);
          i = q + 1;
          break;
        }
        const after = t.charCodeAt(i);
        if (i < this.n && after !== COMMA && after !== LF && after !== CR) {
          return { opened, after: t.slice(i, i + 10).split(/[\r\n]/)[0], end: i };
        }
        field = value;
      } else {
        let j = i;
        while (j < this.n) {
          const ch = t.charCodeAt(j);
          if (ch === COMMA || ch === LF || ch === CR) break;
          j++;
        }
        field = t.slice(i, j);
        i = j;
      }
      fields.push(field);
      const ch = t.charCodeAt(i);
      if (ch === COMMA) {
        i++;
        continue;
      }
      if (ch === CR) i++;
      if (t.charCodeAt(i) === LF) i++;
      return { fields, end: Math.min(i, this.n) };
    }
  }

  /**
   * Where reading resumes after a broken record that started at `start`: the first later line that reads as a
   * whole row of `width` fields, or the end of the text.
   */
  nextWholeRow(start: number, width: number): number {
    let at = this.text.indexOf('\n', start);
    while (at >= 0 && at + 1 < this.n) {
      const candidate = at + 1;
      const record = this.read(candidate);
      if ('fields' in record && record.fields.length === width) return candidate;
      at = this.text.indexOf('\n', candidate);
    }
    return this.n;
  }
}
