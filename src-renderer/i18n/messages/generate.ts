// Words of the Generate screen.
export default {
  en: {
    generate: {
      prompt: 'Prompt', promptPlaceholder: 'a photograph of an astronaut riding a horse',
      negative: 'Negative prompt', negativePlaceholder: 'blurry, low quality',
      generate: 'Generate', interrupt: 'Interrupt', model: 'Model', sampler: 'Sampler', modelDefault: 'Model default',
      steps: 'Steps', cfg: 'CFG scale', width: 'Width', height: 'Height', batchSize: 'Batch size', seed: 'Seed',
      seedRandom: 'Random seed', seedReuse: 'Reuse last seed', random: 'random',
      status: { idle: 'Ready', starting: 'Starting…', loading: 'Loading model…', step: 'Step {step}/{total}', done: 'Done: {total}/{total} steps', cancelled: 'Cancelled', failed: 'Failed' },
      progress: 'Progress', preview: 'Live preview of step {step}', resultAlt: '{prompt} (result {n})',
      noModels: 'No models yet: start the host with --model DIR, or download one on the Models screen.',
      info: 'seed {seed} · {scheduler} · {ep} · {seconds} s', seconds: '{n} s',
    },
  },
  'zh-CN': {
    generate: {
      prompt: '提示词', promptPlaceholder: '一张宇航员骑马的照片',
      negative: '反向提示词', negativePlaceholder: '模糊，低质量',
      generate: '生成', interrupt: '中断', model: '模型', sampler: '采样器', modelDefault: '模型默认',
      steps: '步数', cfg: '提示词引导系数 (CFG)', width: '宽度', height: '高度', batchSize: '单批数量', seed: '种子',
      seedRandom: '随机种子', seedReuse: '复用上次种子', random: '随机',
      status: { idle: '就绪', starting: '正在开始…', loading: '正在加载模型…', step: '第 {step}/{total} 步', done: '完成：{total}/{total} 步', cancelled: '已取消', failed: '失败' },
      progress: '进度', preview: '第 {step} 步的实时预览', resultAlt: '{prompt}（结果 {n}）',
      noModels: '还没有模型：用 --model DIR 启动服务，或在“模型”页面下载。',
      info: '种子 {seed} · {scheduler} · {ep} · {seconds} 秒', seconds: '{n} 秒',
    },
  },
  'zh-TW': {
    generate: {
      prompt: '提示詞', promptPlaceholder: '一張太空人騎馬的照片',
      negative: '反向提示詞', negativePlaceholder: '模糊，低品質',
      generate: '生成', interrupt: '中斷', model: '模型', sampler: '取樣器', modelDefault: '模型預設',
      steps: '步數', cfg: '提示詞引導係數 (CFG)', width: '寬度', height: '高度', batchSize: '單批數量', seed: '種子',
      seedRandom: '隨機種子', seedReuse: '重用上次種子', random: '隨機',
      status: { idle: '就緒', starting: '正在開始…', loading: '正在載入模型…', step: '第 {step}/{total} 步', done: '完成：{total}/{total} 步', cancelled: '已取消', failed: '失敗' },
      progress: '進度', preview: '第 {step} 步的即時預覽', resultAlt: '{prompt}（結果 {n}）',
      noModels: '還沒有模型：用 --model DIR 啟動服務，或在「模型」頁面下載。',
      info: '種子 {seed} · {scheduler} · {ep} · {seconds} 秒', seconds: '{n} 秒',
    },
  },
};
