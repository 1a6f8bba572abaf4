import { useEffect, useRef, useState } from 'react';
import { droppedFiles, pickedFiles } from './readFiles';
import { useDataStore, useIsBusy } from './store';

const ACCEPT = '.cif,.mcif,.zip,.csv';

const carriesFiles = (event: DragEvent) => event.dataTransfer?.types.includes('Files') ?? false;

/** The drop target is the whole page; this view shows where to drop and offers file and folder pickers. */
export function DropZone() {
  const load = useDataStore((s) => s.load);
  const busy = useIsBusy();
  const [dragging, setDragging] = useState(false);
  const folderInput = useRef<HTMLInputElement>(null);

  useEffect(() => {
    let depth = 0; // dragenter/dragleave fire for every child element crossed
    const enter = (e: DragEvent) => {
      if (!carriesFiles(e)) return;
      depth += 1;
      setDragging(true);
    };
    const leave = (e: DragEvent) => {
      if (!carriesFiles(e)) return;
      depth = Math.max(0, depth - 1);
      if (depth === 0) setDragging(false);
    };
    const over = (e: DragEvent) => {
      if (!carriesFiles(e)) return;
      e.preventDefault(); // without this the browser opens the file instead of dropping it here
      if (e.dataTransfer) e.dataTransfer.dropEffect = 'copy';
    };
    const drop = (e: DragEvent) => {
      depth = 0;
      setDragging(false);
      if (!e.dataTransfer || !carriesFiles(e)) return;
      e.preventDefault();
      void load(droppedFiles(e.dataTransfer));
    };
    window.addEventListener('dragenter', enter);
    window.addEventListener('dragleave', leave);
    window.addEventListener('dragover', over);
    window.addEventListener('drop', drop);
    return () => {
      window.removeEventListener('dragenter', enter);
      window.removeEventListener('dragleave', leave);
      window.removeEventListener('dragover', over);
      window.removeEventListener('drop', drop);
    };
  }, [load]);

  useEffect(() => {
    // Not in React's input attributes; the DOM property makes the picker choose a folder.
    if (folderInput.current) folderInput.current.webkitdirectory = true;
  }, []);

  const onPick = (e: React.ChangeEvent<HTMLInputElement>) => {
    const input = e.currentTarget;
    if (input.files && input.files.length > 0) void load(pickedFiles(input.files));
    input.value = ''; // picking the same files again should load them again
  };

  return (
    <>
      <div className="drop-zone" data-testid="drop-zone">
        <p className="drop-zone__lead">Drop CIF, mCIF, ZIP or CDVAE-style CSV files, or whole folders, anywhere on the page.</p>
        <div className="drop-zone__actions">
          <input id="pick-files" className="visually-hidden" type="file" multiple accept={ACCEPT} onChange={onPick} disabled={busy} />
          <label htmlFor="pick-files" className="button">Choose files</label>
          <input id="pick-folder" ref={folderInput} className="visually-hidden" type="file" onChange={onPick} disabled={busy} />
          <label htmlFor="pick-folder" className="button">Choose folder</label>
        </div>
      </div>
      {dragging && (
        <div className="drop-overlay" aria-hidden="true">
          <span>Drop to load</span>
        </div>
      )}
    </>
  );
}
