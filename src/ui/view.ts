/** What the researcher is looking at: the panel, the real crystal and the generated sample in focus. */
import { create } from 'zustand';
import { persistSlice } from './persist';

export const PANELS = ['data', 'tensor', 'train', 'generate', 'reconstruct', 'structure', 'compare', 'export'] as const;
export type Panel = (typeof PANELS)[number];

export interface ViewState {
  readonly panel: Panel;
  /** Index into the data store's crystals. */
  readonly crystal: number;
  /** A sample run and an index into its samples. */
  readonly run?: string;
  readonly sample: number;
  /** Which of the two the Tensor, Reconstruct and Structure panels show: the one focused last. */
  readonly subject: 'real' | 'generated';
  readonly show: (panel: Panel) => void;
  readonly focusCrystal: (index: number) => void;
  readonly focusSample: (run: string, index: number) => void;
  readonly showSubject: (subject: 'real' | 'generated') => void;
}

export const useViewStore = create<ViewState>()((set) => ({
  panel: 'data',
  crystal: 0,
  sample: 0,
  subject: 'real',
  show: (panel) => set({ panel }),
  focusCrystal: (crystal) => set({ crystal, subject: 'real' }),
  focusSample: (run, sample) => set({ run, sample, subject: 'generated' }),
  showSubject: (subject) => set({ subject }),
}));

/**
 * The saved view, checked field by field: a copy that names a panel this studio lacks (damaged, or written by
 * another version) would otherwise leave the page blank.
 */
function restoredView(saved: unknown): Partial<ViewState> {
  const { panel, crystal, run, sample, subject } = saved as Record<string, unknown>;
  const fail = (field: string, value: unknown, expected: string) => new TypeError(`${field} ${JSON.stringify(value)} is not ${expected}`);
  if (!(PANELS as readonly unknown[]).includes(panel)) throw fail('panel', panel, 'a panel of this studio');
  if (!(Number.isInteger(crystal) && (crystal as number) >= 0)) throw fail('crystal', crystal, 'an index');
  if (!(Number.isInteger(sample) && (sample as number) >= 0)) throw fail('sample', sample, 'an index');
  if (run !== undefined && typeof run !== 'string') throw fail('run', run, 'a run id');
  if (subject !== 'real' && subject !== 'generated') throw fail('subject', subject, "'real' or 'generated'");
  return { panel: panel as Panel, crystal: crystal as number, run, sample: sample as number, subject };
}

export const viewRestored = persistSlice(
  useViewStore,
  'view',
  (s) => ({ panel: s.panel, crystal: s.crystal, run: s.run, sample: s.sample, subject: s.subject }),
  restoredView,
);
