import { useEffect, useMemo, useRef, useState } from 'react';
import { BOND_SCALE_RANGE } from '../../core/bonding';
import { cifSiteLabels } from '../../core/cif/site-labels';
import { formula, type Crystal } from '../../core/crystal';
import { inCrystalWorker } from '../crystalClient';
import { download } from '../download';
import { formulaText } from '../formula-text';
import { AtomDetails } from './AtomDetails';
import { MeasurementReadout } from './MeasurementReadout';
import { StructureDownloads } from './StructureDownloads';
import {
  ATOM_SCALE_RANGE, DEFAULT_SCENE_OPTIONS, DETAILED_SITE_LIMIT, describeSite, MAX_DRAWN_SITES, type SceneModel, type SceneOptions, sitesInBox,
} from './scene-model';
import { measure, nextSelection } from './selection';
import { StructureScene, type Projection, type ScenePalette } from './structure-scene';
import './structure.css';

const REPEATS = [1, 2, 3] as const;
type Repeat = (typeof REPEATS)[number];

/** Drawn atoms up to which site labels are offered: past a few hundred they cover the picture. */
const LABEL_LIMIT = 300;
/** The sliders' step, and how long (ms) they rest before the view is rebuilt with their values. */
const SCALE_STEP = 0.05;
const SCALE_SETTLE_MS = 150;

export interface StructureViewProps {
  readonly crystal: Crystal;
  /** Caption under the view; the crystal's formula when left out. */
  readonly title?: string;
}

/** The studio's colour tokens (studio.css) for the parts of the picture that are not atoms. */
function palette(element: Element): ScenePalette {
  const style = getComputedStyle(element);
  const token = (name: string) => style.getPropertyValue(name).trim();
  return { background: token('--surface'), cell: token('--text'), supercell: token('--muted'), label: token('--text'), selection: token('--accent') };
}

/**
 * Runs each step in a task after a frame of its own, while they return true; returns a function that stops the
 * rest. Work that would make one long frame is spread over several.
 */
function frameByFrame(steps: readonly (() => boolean)[]): () => void {
  let frame = 0;
  let timer = 0;
  const next = (i: number) => {
    frame = requestAnimationFrame(() => {
      timer = window.setTimeout(() => {
        if (steps[i]!() && i + 1 < steps.length) next(i + 1);
      }, 0);
    });
  };
  if (steps.length > 0) next(0);
  return () => {
    cancelAnimationFrame(frame);
    clearTimeout(timer);
  };
}

/** `Cl4 Na4` → `Cl4Na4.png`, `Cl4Na4-2x2x2.png` for a supercell. */
function pngName(crystal: Crystal, repeat: Repeat): string {
  const stem = formula(crystal).replace(/\s+/g, '') || 'structure';
  return repeat === 1 ? `${stem}.png` : `${stem}-${repeat}x${repeat}x${repeat}.png`;
}

/** A model built for one crystal, supercell and options, or why it could not be. */
type Built = { crystal: Crystal; repeat: Repeat; options: SceneOptions } & ({ model: SceneModel } | { failure: string });

/** The atoms clicked, for the crystal and supercell they were clicked in (indices into that model's atoms). */
interface Picked {
  readonly crystal: Crystal;
  readonly repeat: Repeat;
  readonly atoms: number[];
}

/**
 * A crystal's unit cell (or a supercell of it) in 3-D: atoms, bonds, the cell box, a legend and view controls. The
 * geometry is built in the crystal worker; a crystal of more than DETAILED_SITE_LIMIT sites in the box is drawn
 * simplified, with a notice saying so.
 */
export function StructureView({ crystal, title }: StructureViewProps) {
  const [repeat, setRepeat] = useState<Repeat>(1);
  const [projection, setProjection] = useState<Projection>('perspective');
  const [unavailable, setUnavailable] = useState<string>();
  const [exportFailure, setExportFailure] = useState<string>();
  const host = useRef<HTMLDivElement>(null);
  const [view, setView] = useState<StructureScene | null>(null);
  const [built, setBuilt] = useState<Built>();
  const [hovered, setHovered] = useState(-1);
  const [bondScale, setBondScale] = useState(DEFAULT_SCENE_OPTIONS.bondScale);
  const [atomScale, setAtomScale] = useState(DEFAULT_SCENE_OPTIONS.atomScale);
  const [options, setOptions] = useState<SceneOptions>(DEFAULT_SCENE_OPTIONS);
  const [polyhedra, setPolyhedra] = useState<string | null>(null);
  const [boundaryBonds, setBoundaryBonds] = useState(DEFAULT_SCENE_OPTIONS.boundaryBonds);
  const [showLabels, setShowLabels] = useState(false);
  const [picked, setPicked] = useState<Picked>();
  // The model of this crystal and supercell, drawn with the latest options built (while newer ones are being built,
  // the picture and the selection stay).
  const current = built?.crystal === crystal && built.repeat === repeat ? built : undefined;
  const model = current && 'model' in current ? current.model : undefined;
  const shown = useRef<{ crystal: Crystal; repeat: Repeat }>(undefined);
  const siteLabels = useMemo(() => cifSiteLabels(crystal.sites), [crystal]);
  const selection = useMemo(() => (picked?.crystal === crystal && picked.repeat === repeat ? picked.atoms : []), [picked, crystal, repeat]);
  const labelsAllowed = model !== undefined && model.atoms.count <= LABEL_LIMIT;
  const caption = title ?? formulaText(crystal);
  const label = `Unit cell of ${caption}, ${repeat} × ${repeat} × ${repeat}: drag or use the arrow keys to turn it`;

  // One canvas per mount, made here rather than by React: disposing a scene loses its WebGL context for good, and
  // a remount (React's strict mode does one) needs a canvas whose context is fresh. The context is made after the
  // panel's first frame, so that its cost (tens of milliseconds on a software renderer) is not added to it.
  useEffect(() => {
    const parent = host.current!;
    const element = document.createElement('canvas');
    element.className = 'structure-view__canvas';
    element.tabIndex = 0;
    element.dataset.testid = 'structure-canvas';
    let made: StructureScene | undefined;
    let observer: ResizeObserver | undefined;
    // Slices, each after a frame: the canvas in the page and the colours read from it (a style recalculation); the
    // WebGL context; the first resize (which reallocates the drawing buffer,
    // multisampled: as long again on a software renderer); then the view is handed to React, which shows the model.
    let colours: ScenePalette;
    const cancel = frameByFrame([
      () => {
        parent.append(element);
        colours = palette(parent);
        return true;
      },
      () => {
        try {
          made = new StructureScene(element, colours);
        } catch (error) {
          element.remove();
          setUnavailable(error instanceof Error ? error.message : String(error));
          return false;
        }
        return true;
      },
      () => {
        const view = made!;
        observer = new ResizeObserver(([entry]) => {
          if (entry) view.resize(entry.contentRect.width, entry.contentRect.height);
        });
        observer.observe(parent);
        return true;
      },
      () => {
        made!.onHover = setHovered;
        setView(made!);
        return true;
      },
    ]);
    return () => {
      cancel();
      observer?.disconnect();
      made?.dispose();
      element.remove();
      setView(null);
    };
  }, []);

  useEffect(() => {
    let stale = false;
    const supercell = [repeat, repeat, repeat] as const;
    inCrystalWorker((api) => api.scene(crystal, supercell, options)).then(
      (model) => stale || setBuilt({ crystal, repeat, options, model }),
      (error: unknown) => stale || setBuilt({ crystal, repeat, options, failure: error instanceof Error ? error.message : String(error) }),
    );
    return () => {
      stale = true;
    };
  }, [crystal, repeat, options]);

  // A slider's value is built once it rests, not at every step of a drag.
  useEffect(() => {
    const timer = setTimeout(() => setOptions({ bondScale, atomScale, polyhedra, boundaryBonds }), SCALE_SETTLE_MS);
    return () => clearTimeout(timer);
  }, [bondScale, atomScale, polyhedra, boundaryBonds]);

  // The same crystal and supercell with other options keeps the camera where the researcher put it.
  useEffect(() => {
    if (!view || !model) return;
    view.show(model, shown.current?.crystal === crystal && shown.current.repeat === repeat);
    shown.current = { crystal, repeat };
  }, [view, model, crystal, repeat]);
  useEffect(() => {
    if (view && model) view.setSelection(selection);
  }, [view, model, selection]);
  useEffect(() => {
    if (view && model) view.setLabels(showLabels && labelsAllowed ? Array.from(model.atoms.site, (site) => siteLabels[site]!) : null);
  }, [view, model, showLabels, labelsAllowed, siteLabels]);
  useEffect(() => {
    if (!view) return;
    view.onPick = (atom, additive) =>
      setPicked((p) => ({ crystal, repeat, atoms: nextSelection(p?.crystal === crystal && p.repeat === repeat ? p.atoms : [], atom, additive) }));
  }, [view, crystal, repeat]);
  useEffect(() => view?.setProjection(projection), [view, projection]);
  useEffect(() => view?.element.setAttribute('aria-label', label), [view, label]);

  const savePng = () => {
    setExportFailure(undefined);
    view?.toPng().then(
      (png) => download(pngName(crystal, repeat), png),
      (error: unknown) => setExportFailure(error instanceof Error ? error.message : String(error)),
    );
  };

  const disabled = unavailable !== undefined;
  const partial = model !== undefined && model.atoms.occupancy.some((x) => x < 1);
  const hover = model && hovered >= 0 && hovered < model.atoms.count ? describeSite(crystal, model.atoms.site[hovered]!, siteLabels) : undefined;
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
            {REPEATS.map((n) => {
              const sites = sitesInBox(crystal, [n, n, n]);
              return (
                <option key={n} value={n} disabled={sites > MAX_DRAWN_SITES} title={sites > MAX_DRAWN_SITES ? `${sites.toLocaleString('en')} sites: more than the view draws` : undefined}>
                  {n} × {n} × {n}
                </option>
              );
            })}
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
        <button type="button" className="button button--quiet" onClick={() => view?.fitToView()} disabled={disabled} data-testid="structure-fit" title="Fit the crystal to the view, seen from where it is seen now">
          Fit
        </button>
        <button type="button" className="button button--quiet" onClick={() => view?.resetView()} disabled={disabled} data-testid="structure-reset">
          Reset view
        </button>
        <button type="button" className="button" onClick={savePng} disabled={disabled} data-testid="structure-png">
          Save PNG
        </button>
        <StructureDownloads crystal={crystal} disabled={disabled} />
      </div>
      <div className="structure-view__toolbar">
        <label className="structure-view__field">
          Bonds
          <input
            type="range"
            min={BOND_SCALE_RANGE.min}
            max={BOND_SCALE_RANGE.max}
            step={SCALE_STEP}
            value={bondScale}
            onChange={(e) => setBondScale(Number(e.target.value))}
            disabled={disabled}
            aria-valuetext={`${bondScale.toFixed(2)} × the sum of covalent radii`}
            data-testid="structure-bond-scale"
          />
          <output className="structure-view__value">{bondScale.toFixed(2)} × Σr<sub>cov</sub></output>
        </label>
        <label className="structure-view__field">
          Atom size
          <input
            type="range"
            min={ATOM_SCALE_RANGE.min}
            max={ATOM_SCALE_RANGE.max}
            step={SCALE_STEP}
            value={atomScale}
            onChange={(e) => setAtomScale(Number(e.target.value))}
            disabled={disabled}
            aria-valuetext={`${atomScale.toFixed(2)} × the covalent radius`}
            data-testid="structure-atom-scale"
          />
          <output className="structure-view__value">{atomScale.toFixed(2)} × r<sub>cov</sub></output>
        </label>
        <label className="structure-view__field">
          Polyhedra
          <select
            value={model?.species.some((s) => s.element === polyhedra) ? polyhedra! : ''}
            onChange={(e) => setPolyhedra(e.target.value || null)}
            disabled={disabled || model?.simplified}
            title={model?.simplified ? 'A simplified view draws no bonds, hence no polyhedra' : 'Coordination polyhedra: the hull of each atom\'s bonded neighbours'}
            data-testid="structure-polyhedra"
          >
            <option value="">none</option>
            {model?.species.map((s) => (
              <option key={s.Z} value={s.element}>
                around {s.element}
              </option>
            ))}
          </select>
        </label>
        <button
          type="button"
          className="button button--quiet"
          aria-pressed={showLabels && labelsAllowed}
          onClick={() => setShowLabels((on) => !on)}
          disabled={disabled || !labelsAllowed}
          title={labelsAllowed ? 'Site labels, as the downloaded CIF names the sites' : `Labels are offered up to ${LABEL_LIMIT} drawn atoms`}
          data-testid="structure-labels"
        >
          Labels
        </button>
        <button
          type="button"
          className="button button--quiet"
          aria-pressed={boundaryBonds}
          onClick={() => setBoundaryBonds((on) => !on)}
          disabled={disabled || model?.simplified}
          title="Half bonds to the atoms beyond the cell's faces (off: only bonds between the atoms drawn, as VESTA draws by default)"
          data-testid="structure-boundary-bonds"
        >
          Bonds beyond the cell
        </button>
      </div>
      <div className="structure-view__viewport" data-testid="structure-view" data-bonds={model?.bonds.length}>
        <div ref={host} className="structure-view__host" />
        {!current && <p className="structure-view__status" data-testid="structure-building">Building the view…</p>}
        {hover && (
          <p className="structure-view__hover" data-testid="structure-hover">
            {hover}
          </p>
        )}
        {unavailable && (
          <p className="failure structure-view__unavailable" role="alert" data-testid="structure-unavailable">
            The 3-D view needs WebGL, which this browser did not provide ({unavailable}). Turn on hardware
            acceleration or try another browser.
          </p>
        )}
      </div>
      {model && selection.length > 0 && (
        <div className="structure-view__selection">
          {(() => {
            const measurement = measure(crystal, model.atoms, selection);
            return measurement && <MeasurementReadout measurement={measurement} names={selection.map((a) => siteLabels[model.atoms.site[a]!]!)} />;
          })()}
          <AtomDetails crystal={crystal} model={model} atom={selection.at(-1)!} labels={siteLabels} bondScale={options.bondScale} />
        </div>
      )}
      {current && 'failure' in current && (
        <p className="failure" role="alert">
          The view could not be built: {current.failure}
        </p>
      )}
      {model?.simplified && (
        <p className="structure-view__notice" data-testid="structure-simplified">
          Simplified view: {sitesInBox(crystal, [repeat, repeat, repeat]).toLocaleString('en')} sites in the box, more than the{' '}
          {DETAILED_SITE_LIMIT.toLocaleString('en')} drawn in full. Bonds and the image atoms that complete the box's faces are left out.
        </p>
      )}
      {exportFailure && (
        <p className="failure" role="alert">
          The PNG could not be made: {exportFailure}
        </p>
      )}
      <figcaption className="structure-view__caption">
        <span className="structure-view__title">{caption}</span>
        <ul className="structure-legend" aria-label="Element colours" data-testid="structure-legend">
          {model?.species.map((s) => (
            <li key={s.Z} title={s.color === s.vestaColor ? undefined : `VESTA's ${s.vestaColor} turned in hue: too close to another element's colour in this crystal`}>
              <span className="structure-legend__swatch" style={{ background: s.color }} aria-hidden="true" />
              {s.element}
              {s.color !== s.vestaColor && <span className="structure-legend__adjusted">*</span>}
            </li>
          ))}
          {partial && (
            <li data-testid="structure-partial">
              <span className="structure-legend__swatch structure-legend__swatch--partial" aria-hidden="true" />
              translucent: partly occupied (hover for the occupancy)
            </li>
          )}
        </ul>
        <span className="structure-view__hint">
          Click an atom for its details, Shift-click a second and a third to measure a distance and an angle. Drag to turn, scroll to zoom,
          right-drag to pan; arrow keys and + / − work once the view has focus.
        </span>
      </figcaption>
    </figure>
  );
}
