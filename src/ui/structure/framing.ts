/**
 * Fitting the view to the model as seen from a direction: the box and every sphere projected on the view plane,
 * the target moved to the middle of that picture and the camera brought as close as lets all of it in. Fitting a
 * sphere round the model instead (its bounding radius) leaves a cell filling a third of the canvas, as the cell's
 * corners reach much farther than its outline seen face on.
 */
import type { Vec3 } from '../../core/crystal';
import { atomPosition, type SceneModel } from './scene-model';

export interface Framing {
  /** The point looked at: the middle of the model's picture. */
  readonly target: Vec3;
  /** The perspective camera's distance from the target at which everything is in view. */
  readonly distance: number;
  /** Half the height an orthographic view must show to hold everything. */
  readonly halfHeight: number;
}

const dot = (p: Vec3, q: Vec3) => p[0] * q[0] + p[1] * q[1] + p[2] * q[2];
const cross = (p: Vec3, q: Vec3): Vec3 => [p[1] * q[2] - p[2] * q[1], p[2] * q[0] - p[0] * q[2], p[0] * q[1] - p[1] * q[0]];
const unit = (p: Vec3): Vec3 => {
  const n = Math.hypot(p[0], p[1], p[2]);
  return [p[0] / n, p[1] / n, p[2] / n];
};

/**
 * `direction`: from the target towards the camera; `up`: the camera's up; `tanHalfFov`: the tangent of half the
 * vertical field of view; `aspect`: width / height; `margin`: room left around the picture (1.1: a tenth more).
 * A sphere's outline is taken as its centre's projection ± its radius, exact for the orthographic view and within
 * a few per cent for the narrow perspective the viewer uses.
 */
export function frame(model: SceneModel, direction: Vec3, up: Vec3, tanHalfFov: number, aspect: number, margin: number): Framing {
  const back = unit(direction);
  const right = unit(cross(up, back));
  const top = cross(back, right);
  // Every point with the radius around it: the corners of the box (edges' ends) and the atoms.
  const points: [Vec3, number][] = [...model.cellEdges, ...model.supercellEdges].flatMap((e): [Vec3, number][] => [[e.start, 0], [e.end, 0]]);
  for (let a = 0; a < model.atoms.count; a++) points.push([atomPosition(model.atoms, a), model.species[model.atoms.species[a]!]!.radius]);
  let [minX, maxX, minY, maxY] = [Infinity, -Infinity, Infinity, -Infinity];
  for (const [p, r] of points) {
    const x = dot(p, right);
    const y = dot(p, top);
    minX = Math.min(minX, x - r);
    maxX = Math.max(maxX, x + r);
    minY = Math.min(minY, y - r);
    maxY = Math.max(maxY, y + r);
  }
  // The middle of the picture, at the depth of the model's centre.
  const depth = dot(model.center, back);
  const cx = (minX + maxX) / 2;
  const cy = (minY + maxY) / 2;
  const target: Vec3 = [0, 1, 2].map((i) => right[i]! * cx + top[i]! * cy + back[i]! * depth) as unknown as Vec3;
  const halfHeight = margin * Math.max((maxY - minY) / 2, (maxX - minX) / 2 / aspect);
  // A point at height y and depth z (towards the camera) is in view from distance D when |y| ≤ (D - z)·tan: the
  // farthest-reaching point sets D.
  let distance = 0;
  const tanVertical = tanHalfFov / margin;
  const tanHorizontal = (tanHalfFov * aspect) / margin;
  for (const [p, r] of points) {
    const z = dot(p, back) - depth;
    const x = Math.abs(dot(p, right) - cx) + r;
    const y = Math.abs(dot(p, top) - cy) + r;
    distance = Math.max(distance, z + r + x / tanHorizontal, z + r + y / tanVertical);
  }
  return { target, distance, halfHeight };
}
