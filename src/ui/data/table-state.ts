/**
 * How the researcher left the crystal table (filter, order, scroll position), kept in a store of its own so that
 * it is still there after a visit to another panel: the table itself unmounts with the Data panel.
 */
import { create } from 'zustand';
import type { TableOrder } from './table-view';

export interface TableState {
  readonly query: string;
  readonly order: TableOrder | null;
  readonly scrollTop: number;
  readonly setQuery: (query: string) => void;
  readonly setOrder: (order: TableOrder | null) => void;
  readonly setScrollTop: (scrollTop: number) => void;
}

export const useTableStore = create<TableState>()((set) => ({
  query: '',
  order: null,
  scrollTop: 0,
  setQuery: (query) => set({ query }),
  setOrder: (order) => set({ order }),
  setScrollTop: (scrollTop) => set({ scrollTop }),
}));
