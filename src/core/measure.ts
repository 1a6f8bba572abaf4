/**
 * Distances and angles between atoms of a crystal as the 3-D view draws them: each atom a site's fractional
 * position plus a lattice translation (an image), so that a measurement across a cell face is the one the
 * researcher clicked. The shortest distance over all images is pbc.ts's periodicDistance.
 */
import type { Vec3 } from './crystal';
import { fracToCart, type Lattice } from './lattice';

/** The Cartesian vector (Å) from fractional position p to fractional position q, images as given. */
function between(lattice: Lattice, p: Vec3, q: Vec3): Vec3 {
  return fracToCart(lattice, [q[0] - p[0], q[1] - p[1], q[2] - p[2]]);
}

/** Distance (Å) between two fractional positions, images as given (pymatgen's get_distance with a jimage). */
export function imageDistance(lattice: Lattice, p: Vec3, q: Vec3): number {
  const [x, y, z] = between(lattice, p, q);
  return Math.hypot(x, y, z);
}

/** The angle (degrees) at `vertex` between the directions to p and q, images as given (pymatgen's get_angle). */
export function bondAngle(lattice: Lattice, p: Vec3, vertex: Vec3, q: Vec3): number {
  const u = between(lattice, vertex, p);
  const v = between(lattice, vertex, q);
  const cos = (u[0] * v[0] + u[1] * v[1] + u[2] * v[2]) / (Math.hypot(...u) * Math.hypot(...v));
  // Rounding can carry the cosine of a straight angle a hair past -1.
  return (Math.acos(Math.max(-1, Math.min(1, cos))) * 180) / Math.PI;
}
