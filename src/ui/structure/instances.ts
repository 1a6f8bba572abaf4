/**
 * Instance matrices for the viewer's two shared geometries: three's unit sphere and unit cylinder (radius 1,
 * height 1 along y, centred at the origin). Kept apart from the scene so that the orientation maths runs in Node.
 */
import { Matrix4, Quaternion, Vector3 } from 'three';
import type { Vec3 } from '../../core/crystal';

const CYLINDER_AXIS = new Vector3(0, 1, 0);

export function sphereMatrix(center: Vec3, radius: number, out = new Matrix4()): Matrix4 {
  return out.makeScale(radius, radius, radius).setPosition(center[0], center[1], center[2]);
}

/** Stretches and turns the unit cylinder into a rod of the given radius from start to end. */
export function rodMatrix(start: Vec3, end: Vec3, radius: number, out = new Matrix4()): Matrix4 {
  const from = new Vector3(...start);
  const to = new Vector3(...end);
  const axis = to.clone().sub(from);
  const length = axis.length();
  const rotation = new Quaternion().setFromUnitVectors(CYLINDER_AXIS, axis.divideScalar(length));
  return out.compose(from.add(to).multiplyScalar(0.5), rotation, new Vector3(radius, length, radius));
}

export function midpoint(p: Vec3, q: Vec3): Vec3 {
  return [(p[0] + q[0]) / 2, (p[1] + q[1]) / 2, (p[2] + q[2]) / 2];
}
