import type { InputFile } from '../../core/ingest/types';

/**
 * The files of a drop, folders read recursively, each named by its path relative to what was dropped.
 * The DataTransfer is only readable during the drop event, so the entries are taken before the first await.
 */
export function droppedFiles(data: DataTransfer): Promise<InputFile[]> {
  const pending: Promise<InputFile[]>[] = [];
  const items = Array.from(data.items).filter((item) => item.kind === 'file');
  if (items.length === 0) {
    for (const file of Array.from(data.files)) pending.push(read(file, file.name).then((f) => [f]));
  }
  for (const item of items) {
    const entry = item.webkitGetAsEntry?.() ?? null;
    const file = item.getAsFile();
    if (entry) pending.push(readEntry(entry));
    else if (file) pending.push(read(file, file.name).then((f) => [f])); // a synthetic DataTransfer has no entries
  }
  return Promise.all(pending).then((lists) => lists.flat());
}

/** The files of an `<input type="file">`; a folder input names each by its path inside the chosen folder. */
export function pickedFiles(list: FileList | readonly File[]): Promise<InputFile[]> {
  return Promise.all(Array.from(list, (file) => read(file, file.webkitRelativePath || file.name)));
}

async function read(file: File, name: string): Promise<InputFile> {
  return { name, bytes: new Uint8Array(await file.arrayBuffer()) };
}

async function readEntry(entry: FileSystemEntry): Promise<InputFile[]> {
  const name = entry.fullPath.replace(/^\//, '') || entry.name;
  if (isFile(entry)) {
    const file = await new Promise<File>((resolve, reject) => entry.file(resolve, reject));
    return [await read(file, name)];
  }
  if (isDirectory(entry)) {
    const children = await readAllEntries(entry.createReader());
    const lists = await Promise.all(children.map(readEntry));
    return lists.flat().sort((a, b) => a.name.localeCompare(b.name));
  }
  return [];
}

/** readEntries hands out a directory in chunks (100 at a time in Chromium) until it returns an empty one. */
async function readAllEntries(reader: FileSystemDirectoryReader): Promise<FileSystemEntry[]> {
  const all: FileSystemEntry[] = [];
  for (;;) {
    const chunk = await new Promise<FileSystemEntry[]>((resolve, reject) => reader.readEntries(resolve, reject));
    if (chunk.length === 0) return all;
    all.push(...chunk);
  }
}

function isFile(entry: FileSystemEntry): entry is FileSystemFileEntry {
  return entry.isFile;
}

function isDirectory(entry: FileSystemEntry): entry is FileSystemDirectoryEntry {
  return entry.isDirectory;
}
