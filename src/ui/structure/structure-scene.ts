/**
 * The three.js side of the unit-cell viewer: meshes built from a SceneModel, two cameras, orbit controls, overlays
 * that change without a rebuild (selected atoms' halos and measurement lines, site labels), an axis triad in the
 * corner, and rendering on demand (after a control moves the view, a resize or a new model; never in a loop). A model's meshes
 * are added in slices, their shaders compiled without blocking the page (KHR_parallel_shader_compile, through
 * three's compileAsync), so that a large crystal costs the page no long frame.
 */
import {
  AmbientLight,
  ArrowHelper,
  BufferGeometry,
  CanvasTexture,
  Color,
  CylinderGeometry,
  DoubleSide,
  DirectionalLight,
  Float32BufferAttribute,
  Group,
  InstancedMesh,
  LineDashedMaterial,
  type Object3D,
  LineBasicMaterial,
  LineSegments,
  Matrix4,
  Mesh,
  MeshBasicMaterial,
  MeshStandardMaterial,
  OrthographicCamera,
  PerspectiveCamera,
  Raycaster,
  Scene,
  SphereGeometry,
  Sprite,
  SpriteMaterial,
  SRGBColorSpace,
  Vector2,
  Vector3,
  WebGLRenderer,
} from 'three';
import { OrbitControls } from 'three/examples/jsm/controls/OrbitControls.js';
import type { Vec3 } from '../../core/crystal';
import { frame } from './framing';
import { midpoint, rodMatrix, sphereMatrix } from './instances';
import { atomPosition, pickAtom, type SceneModel, type Segment } from './scene-model';

export type Projection = 'perspective' | 'orthographic';

/** Resolves in a task after the next frame: each slice of work then falls in a frame of its own. */
const afterNextFrame = () => new Promise<void>((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));

/** CSS colours for what is not an atom, so that the picture follows the studio's tokens. */
export interface ScenePalette {
  readonly background: string;
  readonly cell: string;
  readonly supercell: string;
  readonly label: string;
  /** Selected atoms' halo and the measurement's lines. */
  readonly selection: string;
}

/** Vertical field of view of the perspective camera (degrees): narrow, so that the cell is not much distorted. */
const FIELD_OF_VIEW = 30;
/** Opacity of a partly occupied (disordered) site's sphere. */
const PARTIAL_OPACITY = 0.45;
/** Opacity of coordination polyhedra's faces: the centre atom and its bonds stay visible inside. */
const POLYHEDRON_OPACITY = 0.4;
/** Past this many atoms spheres are drawn coarser: at that count each covers a few pixels. */
const COARSE_SPHERES_ABOVE = 1000;
/** Bond rod radius (Å). */
const BOND_RADIUS = 0.1;
/** Axis label height as a fraction of the model's radius, about 24 px when the model fills a 420 px view. */
const LABEL_SIZE = 0.12;
/** Room left around the model when the view is fitted to it. */
const FIT_MARGIN = 1.08;
/** A press that moves less than this (px) before it is released is a click on an atom, not a turn of the view. */
const CLICK_SLOP = 5;
/** A selected atom's halo, as a multiple of its sphere's radius. */
const HALO_SCALE = 1.3;
/** Site labels' height as a fraction of the model's radius. */
const SITE_LABEL_SIZE = 0.07;
/** The cell axes' names, at the cell vectors' tips and on the triad: italic, as a, b and c are printed. */
const AXIS_FONT = "italic 600 96px Georgia, 'Times New Roman', serif";
/** The axis triad: its side in CSS pixels, in the lower left corner; a, b and c in VESTA's red, green and blue. */
const TRIAD_SIZE = 96;
const TRIAD_COLOURS = ['#e53935', '#43a047', '#1e63d6'] as const;
const KEY_ROTATION = Math.PI / 36;
const KEY_ZOOM = 0.9;
/** The view that "reset" returns to: c up, looking mostly along b, a little from the right and from above. */
const HOME_DIRECTION = new Vector3(0.55, -1.6, 0.65).normalize();
const UP = new Vector3(0, 0, 1);

export class StructureScene {
  private readonly renderer: WebGLRenderer;
  private readonly scene = new Scene();
  private readonly perspective = new PerspectiveCamera(FIELD_OF_VIEW);
  private readonly orthographic = new OrthographicCamera();
  private camera: PerspectiveCamera | OrthographicCamera = this.perspective;
  private readonly controls: OrbitControls;
  /** A light that moves with the camera, from above and to the left of the viewer. */
  private readonly light = new DirectionalLight(0xffffff, 2.2);
  private readonly sphere = new SphereGeometry(1, 24, 16);
  private readonly coarseSphere = new SphereGeometry(1, 12, 8);
  private readonly cylinder = new CylinderGeometry(1, 1, 1, 12);
  /** What the current model added to the scene, and everything it owns that holds GPU memory. */
  private content = new Group();
  private owned: { dispose(): void }[] = [];
  private model: SceneModel | undefined;
  private aspect = 1;
  private pendingFrame = 0;
  /** The current model's meshes being added (see build), and which call of show they belong to. */
  private building: Promise<void> = Promise.resolve();
  private generation = 0;
  private readonly raycaster = new Raycaster();
  private hovered = -1;
  /** Told the atom under the pointer (an index into the model's atoms), or -1 when it leaves every atom. */
  onHover: (atom: number) => void = () => {};
  /** Told the atom clicked (-1: none, a click beside every atom); `additive` when Shift was held. */
  onPick: (atom: number, additive: boolean) => void = () => {};
  /** Where the primary button went down, to tell a click from a drag. */
  private pressedAt: { x: number; y: number } | undefined;
  /** Overlays that change without rebuilding the model: the selection's halos and lines, the site labels. */
  private selection = new Group();
  private selectionOwned: { dispose(): void }[] = [];
  private labels = new Group();
  private labelsOwned: { dispose(): void }[] = [];
  /** The axis triad's own small scene and camera, drawn over the lower left corner. */
  private readonly triad = new Scene();
  private readonly triadCamera = new OrthographicCamera(-1.5, 1.5, 1.5, -1.5, -10, 10);
  private triadOwned: { dispose(): void }[] = [];

  /** Throws where the browser gives no WebGL context (no GPU, or WebGL turned off). */
  constructor(readonly element: HTMLCanvasElement, private readonly palette: ScenePalette) {
    // The drawing buffer is kept so that the PNG export reads the picture on screen.
    this.renderer = new WebGLRenderer({ canvas: element, antialias: true, preserveDrawingBuffer: true });
    this.renderer.setPixelRatio(Math.min(window.devicePixelRatio, 2));
    // Checking a program's logs after linking waits on the GPU process; three builds its shaders, which compile.
    this.renderer.debug.checkShaderErrors = false;
    this.scene.background = new Color(palette.background);
    this.scene.add(new AmbientLight(0xffffff, 1.2), this.content, this.selection, this.labels);
    this.light.position.set(-1, 1, 1);
    this.light.target.position.set(0, 0, -1);
    // OrbitControls reads the up direction once, when it is made: both cameras keep c up from the start.
    this.perspective.up.copy(UP);
    this.orthographic.up.copy(UP);
    this.useCamera(this.perspective);
    this.controls = new OrbitControls(this.perspective, element);
    this.controls.addEventListener('change', this.requestRender);
    element.addEventListener('keydown', this.onKeyDown);
    element.addEventListener('pointerdown', this.onPointerDown);
    element.addEventListener('pointerup', this.onPointerUp);
    element.addEventListener('pointermove', this.onPointerMove);
    element.addEventListener('pointerleave', this.onPointerLeave);
  }

  /**
   * Shows a model, fitted to the view and seen from the current direction, or where the camera is (`keepView`: the
   * same atoms with other sizes or bonds). Its meshes arrive over the next frames (see build); a later call abandons
   * the parts not yet added. Selection and labels are cleared: set them again for the new model.
   */
  show(model: SceneModel, keepView = false): void {
    const direction = this.model ? this.camera.position.clone().sub(this.controls.target) : HOME_DIRECTION;
    this.clear();
    this.clearOverlay(this.selection, this.selectionOwned);
    this.clearOverlay(this.labels, this.labelsOwned);
    const first = !this.model;
    this.model = model;
    this.controls.maxDistance = model.radius * 20;
    this.setHovered(-1);
    this.buildTriad(model);
    if (first || !keepView) this.fit(direction);
    else this.requestRender();
    this.building = this.build(model, ++this.generation);
  }

  /** Fits the model to the view from the direction it is seen from now. */
  fitToView(): void {
    this.fit(this.camera.position.clone().sub(this.controls.target));
  }

  /**
   * Marks the selected atoms (indices into the model's atoms) with a halo, and joins them in order with dashed
   * lines (the measured distance or angle).
   */
  setSelection(atoms: readonly number[]): void {
    const model = this.model;
    this.clearOverlay(this.selection, this.selectionOwned);
    if (!model) return;
    const own = <T extends { dispose(): void }>(r: T) => (this.selectionOwned.push(r), r);
    const halo = own(new MeshBasicMaterial({ color: this.palette.selection, transparent: true, opacity: 0.35, depthWrite: false }));
    for (const a of atoms) {
      const mesh = new Mesh(this.sphere, halo);
      const p = atomPosition(model.atoms, a);
      mesh.position.set(...p);
      mesh.scale.setScalar(model.species[model.atoms.species[a]!]!.radius * HALO_SCALE);
      mesh.renderOrder = 2;
      this.selection.add(mesh);
    }
    if (atoms.length > 1) {
      const path = atoms.flatMap((a, i) => (i === 0 ? [] : [...atomPosition(model.atoms, atoms[i - 1]!), ...atomPosition(model.atoms, a)]));
      const geometry = own(new BufferGeometry());
      geometry.setAttribute('position', new Float32BufferAttribute(path, 3));
      const line = new LineSegments(geometry, own(new LineDashedMaterial({ color: this.palette.selection, dashSize: 0.15, gapSize: 0.1, depthTest: false })));
      line.computeLineDistances();
      line.renderOrder = 3;
      this.selection.add(line);
    }
    this.requestRender();
  }

  /** Draws `labels[a]` beside each atom a of the model, or no labels (null). */
  setLabels(labels: readonly string[] | null): void {
    const model = this.model;
    this.clearOverlay(this.labels, this.labelsOwned);
    if (model && labels) {
      const textures = new Map<string, CanvasTexture>();
      const size = model.radius * SITE_LABEL_SIZE;
      for (let a = 0; a < model.atoms.count; a++) {
        const text = labels[a]!;
        let texture = textures.get(text);
        if (!texture) textures.set(text, (texture = this.textTexture(text, 'normal 600 40px system-ui, sans-serif', 256, 64, this.labelsOwned)));
        const sprite = new Sprite(this.track(new SpriteMaterial({ map: texture, depthTest: false }), this.labelsOwned));
        const [x, y, z] = atomPosition(model.atoms, a);
        sprite.position.set(x, y, z);
        // Centred on the atom and raised by its radius, so that the label sits just above the sphere.
        sprite.center.set(0.5, -model.species[model.atoms.species[a]!]!.radius / size);
        sprite.scale.set(size * 4, size, 1);
        sprite.renderOrder = 4;
        this.labels.add(sprite);
      }
    }
    this.requestRender();
  }

  /**
   * Adds the model's meshes part by part (each species' opaque and translucent atoms, the bonds, the cell edges, the
   * axis labels), each part in
   * tasks of its own: made, its shaders compiled without blocking (compileAsync), then drawn in a frame of its own
   * (a program's first use fetches its uniforms, synchronously). No step then piles into one long frame.
   */
  private async build(model: SceneModel, generation: number): Promise<void> {
    const parts: (() => Object3D[])[] = [
      ...model.species.flatMap((_, s) => [() => this.atoms(model, s, false), () => this.atoms(model, s, true)]),
      () => this.bonds(model),
      () => this.polyhedra(model),
      () => [
        this.lines(model.cellEdges, this.palette.cell),
        ...(model.supercellEdges.length > 0 ? [this.lines(model.supercellEdges, this.palette.supercell)] : []),
      ],
      () => model.axisLabels.map(({ label, position }) => this.label(label, position, model.radius * LABEL_SIZE)),
    ];
    for (const part of parts) {
      await afterNextFrame();
      if (generation !== this.generation) return;
      const objects = part();
      if (objects.length === 0) continue;
      const group = new Group().add(...objects);
      await afterNextFrame();
      if (generation !== this.generation) return;
      await this.renderer.compileAsync(group, this.camera, this.scene);
      if (generation !== this.generation) return;
      this.content.add(group);
      this.requestRender();
    }
  }

  resetView(): void {
    this.fit(HOME_DIRECTION);
  }

  setProjection(projection: Projection): void {
    const next = projection === 'perspective' ? this.perspective : this.orthographic;
    if (next === this.camera) return;
    // Keep the apparent size: an orthographic zoom z shows what a perspective camera z times closer than the fit
    // distance shows.
    const offset = this.camera.position.clone().sub(this.controls.target);
    const fit = this.fitDistance();
    const zoom = this.camera instanceof PerspectiveCamera ? fit / offset.length() : this.camera.zoom;
    next.position.copy(this.controls.target).addScaledVector(offset.normalize(), next === this.perspective ? fit / zoom : fit);
    next.zoom = next === this.orthographic ? zoom : 1;
    this.useCamera(next);
    this.controls.object = next;
    this.updateProjection();
    this.controls.update();
    this.requestRender();
  }

  resize(width: number, height: number): void {
    if (width <= 0 || height <= 0) return;
    this.renderer.setSize(width, height, false);
    this.aspect = width / height;
    this.updateProjection();
    // setSize clears the canvas: draw now rather than show a blank frame (before a model there is nothing to show,
    // and the first draw, which sets up the renderer's state, had better be a frame of its own).
    if (this.model) this.draw();
  }

  /** The current view as a PNG. */
  async toPng(): Promise<Blob> {
    await this.building;
    this.draw();
    return new Promise((resolve, reject) =>
      this.element.toBlob((blob) => (blob ? resolve(blob) : reject(new Error('the browser made no PNG of the view'))), 'image/png'),
    );
  }

  /** Frees every geometry, material, texture and the WebGL context itself. */
  dispose(): void {
    this.generation++;
    cancelAnimationFrame(this.pendingFrame);
    this.element.removeEventListener('keydown', this.onKeyDown);
    this.element.removeEventListener('pointerdown', this.onPointerDown);
    this.element.removeEventListener('pointerup', this.onPointerUp);
    this.element.removeEventListener('pointermove', this.onPointerMove);
    this.element.removeEventListener('pointerleave', this.onPointerLeave);
    this.controls.dispose();
    this.clear();
    this.clearOverlay(this.selection, this.selectionOwned);
    this.clearOverlay(this.labels, this.labelsOwned);
    for (const resource of this.triadOwned.splice(0)) resource.dispose();
    this.sphere.dispose();
    this.coarseSphere.dispose();
    this.cylinder.dispose();
    this.renderer.dispose();
    // Release the context now rather than when the canvas is collected, so that flipping through crystals does
    // not pile up contexts until the browser drops the oldest.
    this.renderer.forceContextLoss();
  }

  /**
   * One species' atoms, fully occupied (opaque) or partly occupied (translucent, so that the species of a
   * disordered position show through one another).
   */
  private atoms(model: SceneModel, index: number, partial: boolean): InstancedMesh[] {
    const { count, species, occupancy } = model.atoms;
    const members: number[] = [];
    for (let a = 0; a < count; a++) if (species[a] === index && occupancy[a]! < 1 === partial) members.push(a);
    if (members.length === 0) return [];
    const s = model.species[index]!;
    const material = this.own(
      new MeshStandardMaterial({ color: s.color, roughness: 0.45, metalness: 0.05, transparent: partial, opacity: partial ? PARTIAL_OPACITY : 1, depthWrite: !partial }),
    );
    const mesh = this.own(new InstancedMesh(count > COARSE_SPHERES_ABOVE ? this.coarseSphere : this.sphere, material, members.length));
    const matrix = new Matrix4();
    members.forEach((a, i) => mesh.setMatrixAt(i, sphereMatrix(atomPosition(model.atoms, a), s.radius, matrix)));
    mesh.computeBoundingSphere();
    // Translucent spheres are drawn after the opaque ones, which they must not hide.
    if (partial) mesh.renderOrder = 1;
    return [mesh];
  }

  /** One mesh for every bond: each half a rod in the colour of the atom at its end. */
  private bonds(model: SceneModel): InstancedMesh[] {
    const halves: { start: Vec3; end: Vec3; color: string }[] = [];
    const colorOf = (atom: number) => model.species[model.atoms.species[atom]!]!.color;
    for (const bond of model.bonds) {
      const start = atomPosition(model.atoms, bond.from);
      const middle = midpoint(start, bond.end);
      halves.push({ start, end: middle, color: colorOf(bond.from) });
      if (bond.to !== null) halves.push({ start: middle, end: bond.end, color: colorOf(bond.to) });
    }
    if (halves.length === 0) return [];
    const material = this.own(new MeshStandardMaterial({ roughness: 0.5, metalness: 0.05 }));
    const mesh = this.own(new InstancedMesh(this.cylinder, material, halves.length));
    const color = new Color();
    halves.forEach((h, i) => {
      mesh.setMatrixAt(i, rodMatrix(h.start, h.end, BOND_RADIUS));
      mesh.setColorAt(i, color.set(h.color));
    });
    return [mesh];
  }

  /** Every coordination polyhedron in one mesh: translucent faces in the centre atom's colour. */
  private polyhedra(model: SceneModel): Mesh[] {
    if (model.polyhedra.length === 0) return [];
    const positions: number[] = [];
    const colours: number[] = [];
    const color = new Color();
    for (const { centre, hull } of model.polyhedra) {
      color.set(model.species[model.atoms.species[centre]!]!.color);
      for (const index of hull.triangles) {
        positions.push(...hull.vertices[index]!);
        colours.push(color.r, color.g, color.b);
      }
    }
    const geometry = this.own(new BufferGeometry());
    geometry.setAttribute('position', new Float32BufferAttribute(positions, 3));
    geometry.setAttribute('color', new Float32BufferAttribute(colours, 3));
    geometry.computeVertexNormals();
    const material = this.own(
      new MeshStandardMaterial({ vertexColors: true, transparent: true, opacity: POLYHEDRON_OPACITY, side: DoubleSide, depthWrite: false, roughness: 0.6 }),
    );
    const mesh = new Mesh(geometry, material);
    // Over the opaque atoms and bonds, which show through.
    mesh.renderOrder = 1;
    return [mesh];
  }

  private lines(edges: readonly Segment[], color: string): LineSegments {
    const geometry = this.own(new BufferGeometry());
    geometry.setAttribute('position', new Float32BufferAttribute(edges.flatMap((e) => [...e.start, ...e.end]), 3));
    return new LineSegments(geometry, this.own(new LineBasicMaterial({ color })));
  }

  /** An axis name drawn on a small canvas: a sprite, so that it faces the viewer and is part of the PNG. */
  private label(text: string, position: Vec3, size: number): Sprite {
    const texture = this.textTexture(text, AXIS_FONT, 128, 128, this.owned);
    const sprite = new Sprite(this.own(new SpriteMaterial({ map: texture, depthTest: false })));
    sprite.position.set(...position);
    sprite.scale.set(size, size, 1);
    sprite.renderOrder = 1;
    return sprite;
  }

  private own<T extends { dispose(): void }>(resource: T): T {
    this.owned.push(resource);
    return resource;
  }

  private track<T extends { dispose(): void }>(resource: T, list: { dispose(): void }[]): T {
    list.push(resource);
    return resource;
  }

  private clearOverlay(group: Group, owned: { dispose(): void }[]): void {
    for (const resource of owned.splice(0)) resource.dispose();
    group.clear();
  }

  /** Text on a small canvas, as a texture for a sprite. */
  private textTexture(text: string, font: string, width: number, height: number, owned: { dispose(): void }[]): CanvasTexture {
    const canvas = document.createElement('canvas');
    canvas.width = width;
    canvas.height = height;
    const context = canvas.getContext('2d')!;
    context.font = font;
    context.textAlign = 'center';
    context.textBaseline = 'middle';
    context.lineWidth = height / 10;
    context.strokeStyle = this.palette.background;
    context.strokeText(text, width / 2, height / 2);
    context.fillStyle = this.palette.label;
    context.fillText(text, width / 2, height / 2);
    const texture = this.track(new CanvasTexture(canvas), owned);
    texture.colorSpace = SRGBColorSpace;
    return texture;
  }

  /** The axis triad: a, b and c as arrows from one point, turned with the view (see draw). */
  private buildTriad(model: SceneModel): void {
    for (const resource of this.triadOwned.splice(0)) resource.dispose();
    this.triad.clear();
    model.axisLabels.forEach(({ label, position }, i) => {
      const direction = new Vector3(...position).normalize();
      const arrow = new ArrowHelper(direction, new Vector3(), 1, TRIAD_COLOURS[i], 0.3, 0.16);
      this.triadOwned.push(arrow);
      this.triad.add(arrow);
      const sprite = new Sprite(this.track(new SpriteMaterial({ map: this.textTexture(label, AXIS_FONT, 128, 128, this.triadOwned), depthTest: false }), this.triadOwned));
      sprite.position.copy(direction.multiplyScalar(1.3));
      sprite.scale.set(0.55, 0.55, 1);
      this.triad.add(sprite);
    });
  }

  private clear(): void {
    for (const resource of this.owned) resource.dispose();
    this.owned = [];
    this.scene.remove(this.content);
    this.content = new Group();
    this.scene.add(this.content);
  }

  /**
   * Looks at the model from a direction, at the distance (or zoom) where its picture (box and spheres as seen from
   * there, framing.ts) just fits.
   */
  private fit(direction: Vector3): void {
    const model = this.model;
    if (!model) return;
    this.updateProjection();
    const d = direction.clone().normalize();
    const tanHalfFov = Math.tan((FIELD_OF_VIEW * Math.PI) / 360);
    const framing = frame(model, [d.x, d.y, d.z], [this.camera.up.x, this.camera.up.y, this.camera.up.z], tanHalfFov, this.aspect, FIT_MARGIN);
    const target = new Vector3(...framing.target);
    this.controls.target.copy(target);
    if (this.camera instanceof PerspectiveCamera) {
      this.camera.position.copy(target).addScaledVector(d, framing.distance);
      this.camera.zoom = 1;
    } else {
      this.camera.position.copy(target).addScaledVector(d, this.fitDistance());
      this.camera.zoom = this.orthographic.top / framing.halfHeight;
    }
    this.camera.updateProjectionMatrix();
    this.controls.update();
    this.requestRender();
  }

  /** The perspective camera's distance at which a sphere of the model's radius fills the narrower side of the view. */
  private fitDistance(): number {
    const radius = this.model?.radius ?? 1;
    const vertical = (FIELD_OF_VIEW * Math.PI) / 180;
    const narrower = this.aspect >= 1 ? vertical : 2 * Math.atan(Math.tan(vertical / 2) * this.aspect);
    return (radius * FIT_MARGIN) / Math.sin(narrower / 2);
  }

  private updateProjection(): void {
    const radius = this.model?.radius ?? 1;
    const fit = this.fitDistance();
    this.perspective.aspect = this.aspect;
    this.perspective.near = radius / 100;
    this.perspective.far = fit + radius * 40;
    // The orthographic box at zoom 1 shows what the perspective camera shows at the fit distance.
    const halfHeight = (radius * FIT_MARGIN) / Math.min(1, this.aspect);
    const ortho = this.orthographic;
    ortho.left = -halfHeight * this.aspect;
    ortho.right = halfHeight * this.aspect;
    ortho.top = halfHeight;
    ortho.bottom = -halfHeight;
    ortho.near = -radius * 40;
    ortho.far = fit + radius * 40;
    this.perspective.updateProjectionMatrix();
    this.orthographic.updateProjectionMatrix();
  }

  /** Puts a camera in the scene and hands it the light, which travels with the camera. */
  private useCamera(camera: PerspectiveCamera | OrthographicCamera): void {
    this.scene.remove(this.camera);
    this.camera = camera;
    camera.add(this.light, this.light.target);
    this.scene.add(camera);
  }

  private readonly requestRender = (): void => {
    if (this.pendingFrame) return;
    this.pendingFrame = requestAnimationFrame(() => {
      this.pendingFrame = 0;
      this.draw();
    });
  };

  private draw(): void {
    const renderer = this.renderer;
    renderer.render(this.scene, this.camera);
    if (this.triad.children.length === 0) return;
    // The triad seen from the main camera's direction, with its up, in the lower left corner over the picture.
    const offset = this.camera.position.clone().sub(this.controls.target).normalize();
    this.triadCamera.position.copy(offset.multiplyScalar(5));
    this.triadCamera.up.copy(this.camera.up);
    this.triadCamera.lookAt(0, 0, 0);
    const size = new Vector2();
    renderer.getSize(size);
    const side = Math.min(TRIAD_SIZE, size.x / 3, size.y / 3);
    renderer.autoClear = false;
    renderer.clearDepth();
    renderer.setViewport(0, 0, side, side);
    renderer.render(this.triad, this.triadCamera);
    renderer.setViewport(0, 0, size.x, size.y);
    renderer.autoClear = true;
  }

  private setHovered(atom: number): void {
    if (atom === this.hovered) return;
    this.hovered = atom;
    this.onHover(atom);
  }

  /** The atom under the pointer: a ray from the camera through it, against the model's spheres. */
  private atomAt(event: PointerEvent): number {
    const rect = this.element.getBoundingClientRect();
    const pointer = new Vector2(((event.clientX - rect.left) / rect.width) * 2 - 1, -((event.clientY - rect.top) / rect.height) * 2 + 1);
    this.raycaster.setFromCamera(pointer, this.camera);
    const { origin, direction } = this.raycaster.ray;
    return pickAtom(this.model!, [origin.x, origin.y, origin.z], [direction.x, direction.y, direction.z]);
  }

  private readonly onPointerMove = (event: PointerEvent): void => {
    if (!this.model || event.buttons !== 0) return;
    this.setHovered(this.atomAt(event));
  };

  private readonly onPointerLeave = (): void => this.setHovered(-1);

  /** Arrow keys turn the model as a drag in that direction would; + and − zoom. */
  private readonly onKeyDown = (event: KeyboardEvent): void => {
    const controls = this.controls;
    switch (event.key) {
      case 'ArrowLeft': controls.rotateLeft(-KEY_ROTATION); break;
      case 'ArrowRight': controls.rotateLeft(KEY_ROTATION); break;
      case 'ArrowUp': controls.rotateUp(-KEY_ROTATION); break;
      case 'ArrowDown': controls.rotateUp(KEY_ROTATION); break;
      case '+': case '=': controls.dollyIn(KEY_ZOOM); break;
      case '-': controls.dollyOut(KEY_ZOOM); break;
      default: return;
    }
    event.preventDefault();
  };

  /** A click on the view gives it the keyboard, so that the arrow keys turn the model right away. */
  private readonly onPointerDown = (event: PointerEvent): void => {
    this.element.focus({ preventScroll: true });
    this.pressedAt = event.button === 0 ? { x: event.clientX, y: event.clientY } : undefined;
  };

  /** A press released where it began picks the atom under it (or none). */
  private readonly onPointerUp = (event: PointerEvent): void => {
    const pressed = this.pressedAt;
    this.pressedAt = undefined;
    if (!pressed || !this.model || event.button !== 0) return;
    if (Math.hypot(event.clientX - pressed.x, event.clientY - pressed.y) > CLICK_SLOP) return;
    this.onPick(this.atomAt(event), event.shiftKey);
  };
}
