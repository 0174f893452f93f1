// Words of the app shell: navigation, shared buttons and states, themes, and errors by StudioError code.
export default {
  en: {
    app: { name: 'Latent Studio', skip: 'Skip to content', notFound: 'There is no screen at {path}.', goHome: 'Go to Generate' },
    nav: { label: 'Screens', generate: 'Generate', gallery: 'Gallery', timeline: 'Timeline', lab: 'Lab', models: 'Models', settings: 'Settings' },
    common: {
      cancel: 'Cancel', close: 'Close', retry: 'Retry', save: 'Save', delete: 'Delete', loading: 'Loading…', details: 'Details',
      copy: 'Copy', copied: 'Copied', none: 'None', pause: 'Pause', resume: 'Resume', open: 'Open', error: 'Error',
    },
    errors: {
      internal: 'Something went wrong inside the studio: {message}',
      cancelled: 'Cancelled.',
      'contract/bad-request': '{message}',
      'engine/unknown-scheduler': 'Unknown sampler "{value}". Pick one from the list.',
      'models/unknown-model': 'Unknown model "{id}". Pick one from the list or download one on the Models screen.',
      'web/unreachable': 'The studio host does not answer. Is "latent-studio serve" still running?',
      'engine/fixed-size': 'This model only makes images of one size; {width}×{height} is not it.',
    },
  },
  'zh-CN': {
    app: { name: 'Latent Studio', skip: '跳到内容', notFound: '{path} 没有对应的页面。', goHome: '前往生成' },
    nav: { label: '页面', generate: '生成', gallery: '图库', timeline: '时间轴', lab: '实验室', models: '模型', settings: '设置' },
    common: {
      cancel: '取消', close: '关闭', retry: '重试', save: '保存', delete: '删除', loading: '加载中…', details: '详情',
      copy: '复制', copied: '已复制', none: '无', pause: '暂停', resume: '继续', open: '打开', error: '错误',
    },
    errors: {
      internal: '工作室内部出错：{message}',
      cancelled: '已取消。',
      'contract/bad-request': '{message}',
      'engine/unknown-scheduler': '未知的采样器“{value}”。请从列表中选择。',
      'models/unknown-model': '未知的模型“{id}”。请从列表中选择，或在“模型”页面下载。',
      'web/unreachable': '工作室服务没有响应。“latent-studio serve”还在运行吗？',
      'engine/fixed-size': '此模型只能生成一种尺寸的图像，{width}×{height} 不是该尺寸。',
    },
  },
  'zh-TW': {
    app: { name: 'Latent Studio', skip: '跳至內容', notFound: '{path} 沒有對應的頁面。', goHome: '前往生成' },
    nav: { label: '頁面', generate: '生成', gallery: '圖庫', timeline: '時間軸', lab: '實驗室', models: '模型', settings: '設定' },
    common: {
      cancel: '取消', close: '關閉', retry: '重試', save: '儲存', delete: '刪除', loading: '載入中…', details: '詳細資訊',
      copy: '複製', copied: '已複製', none: '無', pause: '暫停', resume: '繼續', open: '開啟', error: '錯誤',
    },
    errors: {
      internal: '工作室內部發生錯誤：{message}',
      cancelled: '已取消。',
      'contract/bad-request': '{message}',
      'engine/unknown-scheduler': '未知的取樣器「{value}」。請從清單中選擇。',
      'models/unknown-model': '未知的模型「{id}」。請從清單中選擇，或在「模型」頁面下載。',
      'web/unreachable': '工作室服務沒有回應。「latent-studio serve」還在執行嗎？',
      'engine/fixed-size': '此模型只能產生一種尺寸的影像，{width}×{height} 不是該尺寸。',
    },
  },
};
