// Words of the Gallery screen.
export default {
  en: {
    gallery: {
      search: 'Search', searchPlaceholder: 'Search prompts…', total: '{n} image | {n} images', empty: 'No images.',
      previous: 'Previous', next: 'Next', page: 'Page {n}', negative: 'Negative: {text}',
      summary: 'Seed {seed} · {scheduler} · {steps} steps · CFG {guidance} · {width}×{height} · {model}',
    },
  },
  'zh-CN': {
    gallery: {
      search: '搜索', searchPlaceholder: '搜索提示词…', total: '{n} 张图像', empty: '没有图像。',
      previous: '上一页', next: '下一页', page: '第 {n} 页', negative: '反向：{text}',
      summary: '种子 {seed} · {scheduler} · {steps} 步 · CFG {guidance} · {width}×{height} · {model}',
    },
  },
  'zh-TW': {
    gallery: {
      search: '搜尋', searchPlaceholder: '搜尋提示詞…', total: '{n} 張影像', empty: '沒有影像。',
      previous: '上一頁', next: '下一頁', page: '第 {n} 頁', negative: '反向：{text}',
      summary: '種子 {seed} · {scheduler} · {steps} 步 · CFG {guidance} · {width}×{height} · {model}',
    },
  },
};
