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

export const viewRestored = persistSlice(
  useViewStore,
  'view',
  (s) => ({ panel: s.panel, crystal: s.crystal, run: s.run, sample: s.sample, subject: s.subject }),
  (saved) => saved,
);
