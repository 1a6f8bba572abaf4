/** Small display formats shared by the panels. */
import type { ModelKind } from '../ml/types';

export const MODEL_NAMES: Readonly<Record<ModelKind, string>> = { gan: 'Vanilla GAN', wgan: 'WGAN-GP', diffusion: 'Diffusion' };

/** 75 → "1 min 15 s"; 4000 → "1 h 7 min". */
export function formatDuration(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  if (s < 60) return `${s} s`;
  if (s < 3600) return `${Math.floor(s / 60)} min ${s % 60} s`;
  return `${Math.floor(s / 3600)} h ${Math.round((s % 3600) / 60)} min`;
}

/** (1, 'crystal') → "1 crystal"; (2, 'entry', 'entries') → "2 entries". */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** 1536 → "1.5 KiB". */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 2 ** 20) return `${(bytes / 1024).toFixed(1)} KiB`;
  return `${(bytes / 2 ** 20).toFixed(1)} MiB`;
}

/** 46512 → "46.5 k"; 4.3e6 → "4.30 M". */
export function formatCount(n: number): string {
  if (n < 1000) return String(n);
  if (n < 1e6) return `${(n / 1000).toPrecision(3)} k`;
  return `${(n / 1e6).toPrecision(3)} M`;
}
