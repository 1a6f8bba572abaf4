import { useEffect, useMemo, useRef, useState } from 'react';
import { formula, type Crystal } from '../../core/crystal';
import { download } from '../download';
import { sceneModel } from './scene-model';
import { StructureScene, type Projection, type ScenePalette } from './structure-scene';
import './structure.css';

const REPEATS = [1, 2, 3] as const;
type Repeat = (typeof REPEATS)[number];

export interface StructureViewProps {
  readonly crystal: Crystal;
  /** Caption under the view; the crystal's formula when left out. */
  readonly title?: string;
}

/** The studio's colour tokens (studio.css) for the parts of the picture that are not atoms. */
function palette(element: Element): ScenePalette {
  const style = getComputedStyle(element);
  const token = (name: string) => style.getPropertyValue(name).trim();
  return { background: token('--surface'), cell: token('--text'), supercell: token('--muted'), label: token('--text') };
}

/** `Cl4 Na4` → `Cl4Na4.png`, `Cl4Na4-2x2x2.png` for a supercell. */
function pngName(crystal: Crystal, repeat: Repeat): string {
  const stem = formula(crystal).replace(/\s+/g, '') || 'structure';
  return repeat === 1 ? `${stem}.png` : `${stem}-${repeat}x${repeat}x${repeat}.png`;
}

/** A crystal's unit cell (or a supercell of it) in 3-D: atoms, bonds, the cell box, a legend and view controls. */
export function StructureView({ crystal, title }: StructureViewProps) {
  const [repeat, setRepeat] = useState<Repeat>(1);
  const [projection, setProjection] = useState<Projection>('perspective');
  const [unavailable, setUnavailable] = useState<string>();
  const [exportFailure, setExportFailure] = useState<string>();
  const host = useRef<HTMLDivElement>(null);
  const canvas = useRef<HTMLCanvasElement | null>(null);
  const scene = useRef<StructureScene | null>(null);
  const model = useMemo(() => sceneModel(crystal, [repeat, repeat, repeat]), [crystal, repeat]);
  const caption = title ?? formula(crystal);
  const label = `Unit cell of ${caption}, ${repeat} × ${repeat} × ${repeat}: drag or use the arrow keys to turn it`;

  // One canvas per mount, made here rather than by React: disposing a scene loses its WebGL context for good, and
  // a remount (React's strict mode does one) needs a canvas whose context is fresh.
  useEffect(() => {
    const parent = host.current!;
    const element = document.createElement('canvas');
    element.className = 'structure-view__canvas';
    element.tabIndex = 0;
    element.dataset.testid = 'structure-canvas';
    parent.append(element);
    let view: StructureScene;
    try {
      view = new StructureScene(element, palette(parent));
    } catch (error) {
      element.remove();
      setUnavailable(error instanceof Error ? error.message : String(error));
      return;
    }
    canvas.current = element;
    scene.current = view;
    const observer = new ResizeObserver(([entry]) => {
      if (entry) view.resize(entry.contentRect.width, entry.contentRect.height);
    });
    observer.observe(parent);
    return () => {
      observer.disconnect();
      view.dispose();
      element.remove();
      scene.current = null;
      canvas.current = null;
    };
  }, []);

  useEffect(() => scene.current?.show(model), [model]);
  useEffect(() => scene.current?.setProjection(projection), [projection]);
  useEffect(() => canvas.current?.setAttribute('aria-label', label), [label]);

  const savePng = () => {
    setExportFailure(undefined);
    scene.current?.toPng().then(
      (png) => download(pngName(crystal, repeat), png),
      (error: unknown) => setExportFailure(error instanceof Error ? error.message : String(error)),
    );
  };

  const disabled = unavailable !== undefined;
  return (
    <figure className="structure-view">
      <div className="structure-view__toolbar">
        <label className="structure-view__field">
          Supercell
          <select
            value={repeat}
            onChange={(e) => setRepeat(Number(e.target.value) as Repeat)}
            disabled={disabled}
            data-testid="structure-supercell"
          >
            {REPEATS.map((n) => (
              <option key={n} value={n}>
                {n} × {n} × {n}
              </option>
            ))}
          </select>
        </label>
        <button
          type="button"
          className="button button--quiet"
          aria-pressed={projection === 'orthographic'}
          onClick={() => setProjection((p) => (p === 'perspective' ? 'orthographic' : 'perspective'))}
          disabled={disabled}
          data-testid="structure-camera"
        >
          Orthographic
        </button>
        <button type="button" className="button button--quiet" onClick={() => scene.current?.resetView()} disabled={disabled} data-testid="structure-reset">
          Reset view
        </button>
        <button type="button" className="button" onClick={savePng} disabled={disabled} data-testid="structure-png">
          Save PNG
        </button>
      </div>
      <div className="structure-view__viewport" data-testid="structure-view">
        <div ref={host} className="structure-view__host" />
        {unavailable && (
          <p className="failure structure-view__unavailable" role="alert" data-testid="structure-unavailable">
            The 3-D view needs WebGL, which this browser did not provide ({unavailable}). Turn on hardware
            acceleration or try another browser.
          </p>
        )}
      </div>
      {exportFailure && (
        <p className="failure" role="alert">
          The PNG could not be made: {exportFailure}
        </p>
      )}
      <figcaption className="structure-view__caption">
        <span className="structure-view__title">{caption}</span>
        <ul className="structure-legend" aria-label="Element colours" data-testid="structure-legend">
          {model.species.map((s) => (
            <li key={s.Z}>
              <span className="structure-legend__swatch" style={{ background: s.color }} aria-hidden="true" />
              {s.element}
            </li>
          ))}
        </ul>
        <span className="structure-view__hint">Drag to turn, scroll to zoom, right-drag to pan; arrow keys and + / − work once the view has focus.</span>
      </figcaption>
    </figure>
  );
}
