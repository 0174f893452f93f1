// The Gallery screen's state: the search text, the current page of thumbnails and the selected image.
import { defineStore } from 'pinia';
import type { GalleryItemView } from '../../src-shared/contract/index.js';
import { errorInfo, useApi } from '../api/index.js';

export const useGalleryStore = defineStore('gallery', {
  state: () => ({
    query: '',
    page: 1,
    items: [] as GalleryItemView[],
    total: 0,
    hasMore: false,
    loading: false,
    selected: null as GalleryItemView | null,
    error: null as { code: string; message: string } | null,
  }),
  actions: {
    async search(page = 1): Promise<void> {
      this.loading = true;
      try {
        const r = await useApi().invoke('gallery.search', { query: this.query, page, pageSize: 48 });
        this.$patch({ items: r.items, total: r.total, hasMore: r.hasMore, page: r.page, error: null });
      } catch (err) {
        this.error = errorInfo(err);
      } finally {
        this.loading = false;
      }
    },

    select(item: GalleryItemView | null): void {
      this.selected = item;
    },
  },
});
