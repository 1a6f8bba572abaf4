/**
 * The Voronoi cell of one site among the periodic images of all sites, with each face's solid angle and area as
 * pymatgen's VoronoiNN reports them (pymatgen.analysis.local_env, 2022.11.7: get_voronoi_polyhedra,
 * _extract_cell_info, solid_angle, vol_tetra).
 *
 * pymatgen runs qhull on every image within a search radius of the site and, when the site's cell comes out open
 * (the site lies on the hull of that point set), doubles the radius up to the cell's longest diagonal. One cell
 * needs no tessellation: we start from a large cube around the site and clip it by the bisector plane of each
 * image within the radius, nearest first, stopping once the next image is more than twice as far as the farthest
 * vertex (its bisector cannot reach the cell). The cell is the one the images within the radius give, as pymatgen's;
 * a first pass over a smaller radius (2.5 site spacings) usually proves that nothing farther can cut.
 */
import type { Crystal } from '../crystal';
import { NeighbourGrid } from '../neighbours';

/** A crystal's sites as flat arrays, with what the image search needs; built once, shared by all its sites. */
export interface PeriodicSites {
  readonly count: number;
  /** Fractional coordinates, 3 per site, as the crystal holds them (in [0, 1)). */
  readonly frac: Float64Array;
  /** Cartesian coordinates (Å), 3 per site. */
  readonly cart: Float64Array;
  /** Lattice vectors as rows (Å), row-major 3×3. */
  readonly matrix: Float64Array;
  /** pymatgen's largest search radius: the longest cell diagonal + 0.01 Å. */
  readonly maxCutoff: number;
  /** The mean spacing of the sites, (V / N)^(1/3) (Å). */
  readonly spacing: number;
}

/**
 * The faces of one site's Voronoi cell (faces whose solid angle is positive, as VoronoiNN keeps them), one entry
 * per face in struct-of-arrays form.
 */
export interface VoronoiCell {
  /** The site whose cell this is. */
  readonly site: number;
  /** The search radius (Å) at which the cell closed. */
  readonly cutoff: number;
  readonly faceCount: number;
  /** The site across each face (index into `crystal.sites`). */
  readonly neighbourSite: Int32Array;
  /** Its lattice translation, 3 integers per face. */
  readonly neighbourImage: Int32Array;
  /** Its Cartesian position (Å), 3 per face. */
  readonly neighbourCart: Float64Array;
  /** Distance (Å) from the site to the neighbour (twice pymatgen's `face_dist`). */
  readonly distance: Float64Array;
  /** Solid angle (sr) the face subtends at the site. */
  readonly solidAngle: Float64Array;
  /** Face area (Å²), computed as pymatgen does: 3 × (volume of the pyramid on the face) / face distance. */
  readonly area: Float64Array;
}

/** The cell stays open even with every image within the longest cell diagonal (pymatgen: "pathological"). */
export class OpenVoronoiCellError extends Error {
  override name = 'OpenVoronoiCellError';
}

/**
 * Images closer than this (Å) to the site are atoms on top of it: qhull keeps such a duplicate as a coplanar point
 * without a cell, so it bounds nothing; we skip it too.
 */
const COINCIDENT = 1e-6;
/** A vertex within this distance (Å) of a bisector plane lies on it: the plane touches the cell without cutting. */
const ON_PLANE = 1e-9;
/** Half-size of the starting cube, in search radii: far beyond any closed cell the radius can give. */
const BOX_PER_CUTOFF = 10;
/** The first, cheaper search radius, in mean site spacings (measured on perov_5, carbon_24 and mp_40). */
const TRIAL_RADIUS_PER_SPACING = 2.5;

export function periodicSites(crystal: Crystal): PeriodicSites {
  const n = crystal.sites.length;
  const m = crystal.lattice.matrix;
  const matrix = Float64Array.from(m);
  const frac = new Float64Array(3 * n);
  const cart = new Float64Array(3 * n);
  crystal.sites.forEach((s, i) => {
    const [x, y, z] = s.frac;
    frac.set(s.frac, 3 * i);
    for (let k = 0; k < 3; k++) cart[3 * i + k] = x * m[k]! + y * m[3 + k]! + z * m[6 + k]!;
  });
  const row = (i: number) => [m[3 * i]!, m[3 * i + 1]!, m[3 * i + 2]!] as const;
  const cross = (u: readonly number[], v: readonly number[]) => [
    u[1]! * v[2]! - u[2]! * v[1]!,
    u[2]! * v[0]! - u[0]! * v[2]!,
    u[0]! * v[1]! - u[1]! * v[0]!,
  ];
  const a = row(0);
  const b = row(1);
  const c = row(2);
  const bc = cross(b, c);
  const vol = Math.abs(a[0] * bc[0]! + a[1] * bc[1]! + a[2] * bc[2]!);
  // pymatgen: the longest of the diagonals (1,1,1), (-1,1,1), (1,-1,1), (1,1,-1), plus room for noise.
  let longest = 0;
  for (const [s0, s1, s2] of [[1, 1, 1], [-1, 1, 1], [1, -1, 1], [1, 1, -1]] as const) {
    longest = Math.max(longest, Math.hypot(s0 * a[0] + s1 * b[0] + s2 * c[0], s0 * a[1] + s1 * b[1] + s2 * c[1], s0 * a[2] + s1 * b[2] + s2 * c[2]));
  }
  return { count: n, frac, cart, matrix, maxCutoff: longest + 0.01, spacing: Math.cbrt(vol / n) };
}

/** Every image of every site within `cutoff` of the site, nearest first (the site itself excluded). */
interface Images {
  readonly count: number;
  readonly site: Int32Array;
  readonly image: Int32Array;
  /** Position relative to the centre site (Å), 3 per image. */
  readonly offset: Float64Array;
  readonly distance: Float64Array;
}

/** Scratch for imagesWithin, grown as needed and reused from site to site. */
let scratch = {
  site: new Int32Array(1024),
  image: new Int32Array(3 * 1024),
  offset: new Float64Array(3 * 1024),
  distance: new Float64Array(1024),
};

/** Each crystal's neighbour grids by search radius (a cell needs two or three radii; a crystal all its sites'). */
const grids = new WeakMap<PeriodicSites, Map<number, NeighbourGrid>>();

function gridFor(ps: PeriodicSites, cutoff: number): NeighbourGrid {
  let byCutoff = grids.get(ps);
  if (!byCutoff) grids.set(ps, (byCutoff = new Map<number, NeighbourGrid>()));
  let grid = byCutoff.get(cutoff);
  if (!grid) {
    // A hair beyond pymatgen's d² < r² + 1e-8, so that the grid's candidates hold every image kept below.
    byCutoff.set(cutoff, (grid = NeighbourGrid.of(Array.from(ps.matrix), ps.frac, Math.sqrt(cutoff * cutoff + 1e-8) + 1e-9)));
  }
  return grid;
}

function imagesWithin(ps: PeriodicSites, center: number, cutoff: number): Images {
  const { frac, cart, matrix: m } = ps;
  const cx = cart[3 * center]!;
  const cy = cart[3 * center + 1]!;
  const cz = cart[3 * center + 2]!;
  // The candidates come from the neighbour grid (linear in sites); each offset is then computed from Cartesian
  // positions as it always was here, so that distances, and the order of equal ones, stay bit for bit.
  const hits = gridFor(ps, cutoff).near(frac[3 * center]!, frac[3 * center + 1]!, frac[3 * center + 2]!);
  if (scratch.site.length < hits.count) {
    scratch = {
      site: new Int32Array(hits.count),
      image: new Int32Array(3 * hits.count),
      offset: new Float64Array(3 * hits.count),
      distance: new Float64Array(hits.count),
    };
  }
  const { site, image, offset, distance } = scratch;
  // pymatgen's neighbour search (find_points_in_spheres) keeps d² < r² + 1e-8: an image at exactly the radius counts.
  const r2 = cutoff * cutoff + 1e-8;
  let count = 0;
  for (let k = 0; k < hits.count; k++) {
    const j = hits.index[k]!;
    const t0 = hits.image[3 * k]!;
    const t1 = hits.image[3 * k + 1]!;
    const t2 = hits.image[3 * k + 2]!;
    const x = cart[3 * j]! - cx + t0 * m[0]! + t1 * m[3]! + t2 * m[6]!;
    const y = cart[3 * j + 1]! - cy + t0 * m[1]! + t1 * m[4]! + t2 * m[7]!;
    const z = cart[3 * j + 2]! - cz + t0 * m[2]! + t1 * m[5]! + t2 * m[8]!;
    const d2 = x * x + y * y + z * z;
    if (d2 >= r2 || d2 < COINCIDENT * COINCIDENT) continue;
    site[count] = j;
    image[3 * count] = t0;
    image[3 * count + 1] = t1;
    image[3 * count + 2] = t2;
    offset[3 * count] = x;
    offset[3 * count + 1] = y;
    offset[3 * count + 2] = z;
    distance[count] = Math.sqrt(d2);
    count++;
  }
  const order = new Int32Array(count);
  for (let i = 0; i < count; i++) order[i] = i;
  // Nearest first; equal distances in site then translation order, the order the images were once enumerated in.
  order.sort((p, q) => distance[p]! - distance[q]! || site[p]! - site[q]! || image[3 * p]! - image[3 * q]! || image[3 * p + 1]! - image[3 * q + 1]! || image[3 * p + 2]! - image[3 * q + 2]!);
  const out = {
    count,
    site: new Int32Array(count),
    image: new Int32Array(3 * count),
    offset: new Float64Array(3 * count),
    distance: new Float64Array(count),
  };
  for (let dst = 0; dst < count; dst++) {
    const src = order[dst]!;
    out.site[dst] = site[src]!;
    out.distance[dst] = distance[src]!;
    out.image[3 * dst] = image[3 * src]!;
    out.image[3 * dst + 1] = image[3 * src + 1]!;
    out.image[3 * dst + 2] = image[3 * src + 2]!;
    out.offset[3 * dst] = offset[3 * src]!;
    out.offset[3 * dst + 1] = offset[3 * src + 1]!;
    out.offset[3 * dst + 2] = offset[3 * src + 2]!;
  }
  return out;
}

/**
 * A convex polyhedron around the origin, clipped plane by plane: shared vertices, and faces as cycles of vertex
 * indices in one flat array. Buffers are reused from cell to cell (one builder per thread).
 */
class Polyhedron {
  vertices = new Float64Array(3 * 256);
  vertexCount = 0;
  /** Face f's vertices are faceVertices[faceStart[f] .. faceStart[f + 1]). */
  faceStart = new Int32Array(129);
  faceVertices = new Int32Array(1024);
  faceCount = 0;
  /** What made each face: an index into the images, or -1 for a side of the starting cube. */
  labels = new Int32Array(128);

  // Scratch for clip(): the next generation of faces, and per-vertex work arrays.
  private nextStart = new Int32Array(129);
  private nextVertices = new Int32Array(1024);
  private nextLabels = new Int32Array(128);
  private side = new Float64Array(256);
  private mark = new Int32Array(256);
  private ring = new Int32Array(64);
  private ringAngle = new Float64Array(64);
  private edges = new Int32Array(3 * 64);
  private pool = new Float64Array(3 * 256);

  /** Resets to the cube [-half, half]³. */
  cube(half: number): void {
    this.vertexCount = 8;
    for (let v = 0; v < 8; v++) {
      this.vertices[3 * v] = v & 1 ? half : -half;
      this.vertices[3 * v + 1] = v & 2 ? half : -half;
      this.vertices[3 * v + 2] = v & 4 ? half : -half;
    }
    const faces = [0, 2, 6, 4, 1, 5, 7, 3, 0, 4, 5, 1, 2, 3, 7, 6, 0, 1, 3, 2, 4, 6, 7, 5];
    this.faceVertices.set(faces);
    this.faceCount = 6;
    for (let f = 0; f <= 6; f++) this.faceStart[f] = 4 * f;
    this.labels.fill(-1, 0, 6);
  }

  isOpen(): boolean {
    for (let f = 0; f < this.faceCount; f++) if (this.labels[f] === -1) return true;
    return false;
  }

  farthestVertex(): number {
    let r2 = 0;
    const v = this.vertices;
    for (let i = 0; i < this.vertexCount; i++) r2 = Math.max(r2, v[3 * i]! ** 2 + v[3 * i + 1]! ** 2 + v[3 * i + 2]! ** 2);
    return Math.sqrt(r2);
  }

  /**
   * Keeps the part where x·n ≤ h and closes it with a face labelled `label`. Returns false, changing nothing, when
   * the plane does not cut (it may touch a vertex or an edge: no face then, as qhull merges such ridges away).
   */
  clip(nx: number, ny: number, nz: number, h: number, label: number): boolean {
    const tol = ON_PLANE * Math.hypot(nx, ny, nz);
    const n0 = this.vertexCount;
    if (this.side.length < n0) this.side = new Float64Array(2 * n0);
    const side = this.side;
    const v = this.vertices;
    let cuts = false;
    for (let i = 0; i < n0; i++) {
      const s = v[3 * i]! * nx + v[3 * i + 1]! * ny + v[3 * i + 2]! * nz - h;
      side[i] = s;
      if (s > tol) cuts = true;
    }
    if (!cuts) return false;

    // Worst case: every edge of every face is crossed, and every face survives, plus the new face.
    const maxVerts = n0 + this.faceStart[this.faceCount]!;
    this.ensure(maxVerts, this.faceStart[this.faceCount]! * 2 + maxVerts, this.faceCount + 1);
    const pool = this.pool;
    pool.set(v.subarray(0, 3 * n0));
    let poolCount = n0;
    const mark = this.mark;
    mark.fill(0, 0, maxVerts);
    const ring = this.ring;
    let ringCount = 0;
    const edges = this.edges;
    let edgeCount = 0;
    const nextStart = this.nextStart;
    const nextVertices = this.nextVertices;
    let nextFaces = 0;
    let written = 0;
    nextStart[0] = 0;
    for (let f = 0; f < this.faceCount; f++) {
      const start = this.faceStart[f]!;
      const end = this.faceStart[f + 1]!;
      const begin = written;
      for (let i = start; i < end; i++) {
        const a = this.faceVertices[i]!;
        const b = this.faceVertices[i + 1 < end ? i + 1 : start]!;
        const sa = side[a]!;
        const sb = side[b]!;
        if (sa <= tol) {
          nextVertices[written++] = a;
          if (sa >= -tol && mark[a] === 0) {
            mark[a] = 1;
            ring[ringCount++] = a;
          }
        }
        if ((sa < -tol && sb > tol) || (sa > tol && sb < -tol)) {
          // The two faces sharing an edge must share its crossing point: look it up before making it.
          const lo = a < b ? a : b;
          const hi = a < b ? b : a;
          let x = -1;
          for (let e = 0; e < edgeCount; e++) if (edges[3 * e] === lo && edges[3 * e + 1] === hi) x = edges[3 * e + 2]!;
          if (x < 0) {
            x = poolCount++;
            const t = sa / (sa - sb);
            for (let k = 0; k < 3; k++) pool[3 * x + k] = v[3 * a + k]! + t * (v[3 * b + k]! - v[3 * a + k]!);
            edges[3 * edgeCount] = lo;
            edges[3 * edgeCount + 1] = hi;
            edges[3 * edgeCount + 2] = x;
            edgeCount++;
            ring[ringCount++] = x;
          }
          nextVertices[written++] = x;
        }
      }
      if (written - begin >= 3) {
        this.nextLabels[nextFaces] = this.labels[f]!;
        nextStart[++nextFaces] = written;
      } else {
        written = begin;
      }
    }
    if (ringCount >= 3) {
      this.orderAround(pool, ringCount, nx, ny, nz);
      for (let i = 0; i < ringCount; i++) nextVertices[written++] = ring[i]!;
      this.nextLabels[nextFaces] = label;
      nextStart[++nextFaces] = written;
    }
    this.adopt(pool, poolCount, nextFaces);
    return true;
  }

  /** Sorts ring[0..count) (vertices of a convex polygon with normal n) by angle around their centroid. */
  private orderAround(pool: Float64Array, count: number, nx: number, ny: number, nz: number): void {
    const ring = this.ring;
    let gx = 0;
    let gy = 0;
    let gz = 0;
    for (let i = 0; i < count; i++) {
      gx += pool[3 * ring[i]!]!;
      gy += pool[3 * ring[i]! + 1]!;
      gz += pool[3 * ring[i]! + 2]!;
    }
    gx /= count;
    gy /= count;
    gz /= count;
    // In-plane axes: u towards the first vertex, w = n × u.
    const ux = pool[3 * ring[0]!]! - gx;
    const uy = pool[3 * ring[0]! + 1]! - gy;
    const uz = pool[3 * ring[0]! + 2]! - gz;
    const wx = ny * uz - nz * uy;
    const wy = nz * ux - nx * uz;
    const wz = nx * uy - ny * ux;
    const angle = this.ringAngle;
    for (let i = 0; i < count; i++) {
      const dx = pool[3 * ring[i]!]! - gx;
      const dy = pool[3 * ring[i]! + 1]! - gy;
      const dz = pool[3 * ring[i]! + 2]! - gz;
      angle[i] = Math.atan2(dx * wx + dy * wy + dz * wz, dx * ux + dy * uy + dz * uz);
    }
    // Insertion sort: a face has a handful of vertices.
    for (let i = 1; i < count; i++) {
      const r = ring[i]!;
      const a = angle[i]!;
      let j = i - 1;
      while (j >= 0 && angle[j]! > a) {
        ring[j + 1] = ring[j]!;
        angle[j + 1] = angle[j]!;
        j--;
      }
      ring[j + 1] = r;
      angle[j + 1] = a;
    }
  }

  /** Makes the next generation current, keeping only the vertices its faces use (renumbered). */
  private adopt(pool: Float64Array, poolCount: number, faceCount: number): void {
    const renumber = this.mark;
    renumber.fill(-1, 0, poolCount);
    const out = this.vertices;
    let count = 0;
    const total = this.nextStart[faceCount]!;
    for (let i = 0; i < total; i++) {
      const old = this.nextVertices[i]!;
      if (renumber[old] === -1) {
        renumber[old] = count;
        out[3 * count] = pool[3 * old]!;
        out[3 * count + 1] = pool[3 * old + 1]!;
        out[3 * count + 2] = pool[3 * old + 2]!;
        count++;
      }
      this.nextVertices[i] = renumber[old]!;
    }
    this.vertexCount = count;
    [this.faceStart, this.nextStart] = [this.nextStart, this.faceStart];
    [this.faceVertices, this.nextVertices] = [this.nextVertices, this.faceVertices];
    [this.labels, this.nextLabels] = [this.nextLabels, this.labels];
    this.faceCount = faceCount;
  }

  /** Grows the scratch buffers for a clip that may make `vertices` vertices, `entries` face entries, `faces` faces. */
  private ensure(vertices: number, entries: number, faces: number): void {
    if (this.pool.length < 3 * vertices) {
      this.pool = new Float64Array(6 * vertices);
      const grown = new Float64Array(6 * vertices);
      grown.set(this.vertices.subarray(0, 3 * this.vertexCount));
      this.vertices = grown;
      this.mark = new Int32Array(2 * vertices);
      this.side = new Float64Array(2 * vertices);
    }
    if (this.mark.length < vertices) this.mark = new Int32Array(2 * vertices);
    if (this.ring.length < vertices) {
      this.ring = new Int32Array(2 * vertices);
      this.ringAngle = new Float64Array(2 * vertices);
      this.edges = new Int32Array(6 * vertices);
    }
    if (this.nextVertices.length < entries) {
      this.nextVertices = new Int32Array(2 * entries);
      const grown = new Int32Array(2 * entries);
      grown.set(this.faceVertices.subarray(0, this.faceStart[this.faceCount]));
      this.faceVertices = grown;
    }
    if (this.nextLabels.length < faces) {
      this.nextLabels = new Int32Array(2 * faces);
      this.nextStart = new Int32Array(2 * faces + 1);
      const labels = new Int32Array(2 * faces);
      labels.set(this.labels.subarray(0, this.faceCount));
      this.labels = labels;
      const starts = new Int32Array(2 * faces + 1);
      starts.set(this.faceStart.subarray(0, this.faceCount + 1));
      this.faceStart = starts;
    }
  }
}

const builder = new Polyhedron();

/**
 * The cell among the images within the radius (left in `builder`): how far its farthest vertex lies (Å), or -1
 * when it is open there.
 */
function cellWithin(images: Images, cutoff: number): number {
  builder.cube(BOX_PER_CUTOFF * cutoff);
  let reach = builder.farthestVertex();
  for (let i = 0; i < images.count; i++) {
    const d = images.distance[i]!;
    if (d > 2 * reach + ON_PLANE) break;
    const nx = images.offset[3 * i]!;
    const ny = images.offset[3 * i + 1]!;
    const nz = images.offset[3 * i + 2]!;
    if (builder.clip(nx, ny, nz, 0.5 * d * d, i)) reach = builder.farthestVertex();
  }
  return builder.isOpen() ? -1 : reach;
}

/**
 * The Voronoi cell of site `site`, with pymatgen's growing search radius: `cutoff` first, then doubled (capped at
 * the longest cell diagonal) while the cell is open. Throws OpenVoronoiCellError when it stays open.
 */
export function voronoiCell(ps: PeriodicSites, site: number, cutoff = 7): VoronoiCell {
  // Most cells close on images much nearer than the search radius. Try a smaller radius first and keep its cell
  // when no image beyond it can cut (all lie past twice the farthest vertex): the same cell, found cheaper.
  const trial = TRIAL_RADIUS_PER_SPACING * ps.spacing;
  if (trial < cutoff) {
    const images = imagesWithin(ps, site, trial);
    const reach = cellWithin(images, trial);
    if (reach >= 0 && 2 * reach + ON_PLANE < trial) return describeFaces(ps, builder, images, site, cutoff);
  }
  for (let r = cutoff; ; r = Math.min(2 * r, ps.maxCutoff + 0.001)) {
    const images = imagesWithin(ps, site, r);
    if (cellWithin(images, r) >= 0) return describeFaces(ps, builder, images, site, r);
    if (r >= ps.maxCutoff) {
      throw new OpenVoronoiCellError(`site ${site}: the Voronoi cell stays open within ${r.toFixed(2)} Å`);
    }
  }
}

/** Solid angle and area of each face, by pymatgen's formulas, keeping faces of positive solid angle. */
function describeFaces(ps: PeriodicSites, cell: Polyhedron, images: Images, site: number, cutoff: number): VoronoiCell {
  const n = cell.faceCount;
  const neighbourSite = new Int32Array(n);
  const neighbourImage = new Int32Array(3 * n);
  const neighbourCart = new Float64Array(3 * n);
  const distance = new Float64Array(n);
  const solidAngle = new Float64Array(n);
  const area = new Float64Array(n);
  const { vertices, faceVertices, faceStart } = cell;
  let kept = 0;
  for (let f = 0; f < n; f++) {
    const i = cell.labels[f]!;
    const start = faceStart[f]!;
    const end = faceStart[f + 1]!;
    const omega = faceSolidAngle(vertices, faceVertices, start, end);
    if (!(omega > 0)) continue;
    // The pyramid from the site to the face, split into a fan of tetrahedra (pymatgen's vol_tetra).
    let vol = 0;
    for (let k = start + 1; k + 1 < end; k++) vol += tetraVolume(vertices, faceVertices[start]!, faceVertices[k]!, faceVertices[k + 1]!);
    const d = images.distance[i]!;
    neighbourSite[kept] = images.site[i]!;
    for (let k = 0; k < 3; k++) neighbourImage[3 * kept + k] = images.image[3 * i + k]!;
    for (let k = 0; k < 3; k++) neighbourCart[3 * kept + k] = ps.cart[3 * site + k]! + images.offset[3 * i + k]!;
    distance[kept] = d;
    solidAngle[kept] = omega;
    area[kept] = (3 * vol) / (d / 2);
    kept++;
  }
  return {
    site,
    cutoff,
    faceCount: kept,
    neighbourSite: neighbourSite.subarray(0, kept),
    neighbourImage: neighbourImage.subarray(0, 3 * kept),
    neighbourCart: neighbourCart.subarray(0, 3 * kept),
    distance: distance.subarray(0, kept),
    solidAngle: solidAngle.subarray(0, kept),
    area: area.subarray(0, kept),
  };
}

/** |a·(b×c)| / 6 for vertices relative to the site. */
function tetraVolume(v: Float64Array, a: number, b: number, c: number): number {
  const ax = v[3 * a]!, ay = v[3 * a + 1]!, az = v[3 * a + 2]!;
  const bx = v[3 * b]!, by = v[3 * b + 1]!, bz = v[3 * b + 2]!;
  const cx = v[3 * c]!, cy = v[3 * c + 1]!, cz = v[3 * c + 2]!;
  return Math.abs(ax * (by * cz - bz * cy) + ay * (bz * cx - bx * cz) + az * (bx * cy - by * cx)) / 6;
}

/**
 * Solid angle of a convex polygon seen from the origin: a fan of triangles from its first vertex, each by Van
 * Oosterom & Strackee's formula, as pymatgen's solid_angle (including its branch for a negative denominator).
 */
function faceSolidAngle(v: Float64Array, face: Int32Array, start: number, end: number): number {
  const a = face[start]!;
  const ax = v[3 * a]!, ay = v[3 * a + 1]!, az = v[3 * a + 2]!;
  const ra = Math.hypot(ax, ay, az);
  let omega = 0;
  for (let k = start + 1; k + 1 < end; k++) {
    const b = face[k]!;
    const c = face[k + 1]!;
    const bx = v[3 * b]!, by = v[3 * b + 1]!, bz = v[3 * b + 2]!;
    const cx = v[3 * c]!, cy = v[3 * c + 1]!, cz = v[3 * c + 2]!;
    const rb = Math.hypot(bx, by, bz);
    const rc = Math.hypot(cx, cy, cz);
    const triple = Math.abs(ax * (by * cz - bz * cy) + ay * (bz * cx - bx * cz) + az * (bx * cy - by * cx));
    if (triple === 0) continue; // a degenerate triangle adds nothing (pymatgen's formula would add 2π here)
    const denominator =
      ra * rb * rc + rc * (ax * bx + ay * by + az * bz) + rb * (ax * cx + ay * cy + az * cz) + ra * (bx * cx + by * cy + bz * cz);
    const half = denominator === 0 ? Math.PI / 2 : Math.atan(triple / denominator);
    omega += 2 * (half > 0 ? half : half + Math.PI);
  }
  return omega;
}
