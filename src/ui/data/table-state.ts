/**
 * How the researcher left the crystal table (filter, order, scroll position, the rows they gave), kept in a store
 * of its own so that it is all still there after a visit to another panel: the table unmounts with the Data panel.
 */
import { create } from 'zustand';
import type { CrystalRow, TableOrder } from './table-view';

/** The rows filtered and sorted, with what they were computed from. */
export interface ComputedView {
  readonly rows: readonly CrystalRow[];
  readonly query: string;
  readonly order: TableOrder | null;
  readonly view: readonly CrystalRow[];
}

export interface TableState {
  readonly query: string;
  readonly order: TableOrder | null;
  readonly scrollTop: number;
  /** The id of the one source whose rows the table shows, if the researcher picked one (sources.ts). */
  readonly shownSource?: string;
  readonly computed?: ComputedView;
  readonly setQuery: (query: string) => void;
  readonly setOrder: (order: TableOrder | null) => void;
  readonly setScrollTop: (scrollTop: number) => void;
  readonly setShownSource: (id: string | undefined) => void;
  readonly setComputed: (computed: ComputedView) => void;
}

export const useTableStore = create<TableState>()((set) => ({
  query: '',
  order: null,
  scrollTop: 0,
  setQuery: (query) => set({ query }),
  setOrder: (order) => set({ order }),
  setScrollTop: (scrollTop) => set({ scrollTop }),
  setShownSource: (shownSource) => set({ shownSource, scrollTop: 0 }),
  setComputed: (computed) => set({ computed }),
}));
