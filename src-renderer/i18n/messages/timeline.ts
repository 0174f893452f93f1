// Words of the Timeline screen (every denoising step of one generation) and its errors by code.
export default {
  en: {
    timeline: {
      empty: 'No image has a timeline yet. Generate an image, then open its timeline from the result or the gallery.',
      live: 'Recording: {n} of {total} steps',
      header: { steps: '{n} steps', seed: 'seed {seed}', step: 'step {n} / {total}' },
      scrubber: { label: 'Step', valueText: 'step {n} of {total}', play: 'Play', pause: 'Pause', speed: 'Speed' },
      thumbs: { label: 'Every step', thumb: 'Step {n}' },
      views: { label: 'View', xt: 'x_t', x0: 'Predicted x0', channels: 'Channels', diff: 'Difference', compare: 'Compare' },
      frame: {
        alt: '{prompt} — step {n}, {view}', channelsNote: 'Latent channels 0–3, left to right, top to bottom.',
        scale: 'Channel scale', shared: 'Shared', perChannel: 'Per channel', firstDiff: 'Step 1 has no previous step to differ from.',
        compareWith: 'Compare with step', rendering: 'Rendering…',
      },
      decode: { button: 'Decode', busy: 'Decoding with the VAE…', title: 'VAE decode of step {n}' },
      charts: {
        sigma: 'Noise schedule (σ)', guidance: 'Guidance strength', time: 'Time per step (ms)',
        summary: '{title}: {first} at step 1, {last} at step {total}; step {n}: {value}',
        noGuidance: 'Guidance strength: none (CFG ≤ 1).', step: 'Step', value: 'Value',
      },
      export: {
        title: 'Export', format: 'Format', webp: 'Animated WebP', gif: 'Animated GIF', sheet: 'Contact sheet (PNG)', frames: 'Frames',
        start: 'Export', busy: 'Exporting…', download: 'Download {name}', done: '{frames} frames · {width}×{height} · {size}',
        folder: 'Timeline folder', copy: 'Copy path', copied: 'Copied', liveNote: 'Export becomes available when the generation has finished.',
      },
    },
    errors: {
      'timeline/unknown-job': 'Job {jobId} is not recording a timeline any more. Open the image’s timeline from the gallery.',
      'timeline/no-previous-step': 'Step 1 has no previous step to differ from.',
      'timeline/model-unavailable': 'The model that made this timeline ({modelDir}) is not among the app’s models; add its folder to decode steps.',
      'timeline/no-model': 'This timeline does not name its model, so its steps cannot be decoded.',
      'timeline/no-decoder': 'This host cannot decode timeline steps.',
      'timeline/none': 'This image has no timeline. Generate it again with the timeline recorded.',
      'timeline/unreadable': 'The timeline folder cannot be read: {message}',
    },
  },
  'zh-CN': {
    timeline: {
      empty: '还没有带时间轴的图像。先生成一张图像，再从结果或图库打开它的时间轴。',
      live: '记录中：第 {n} 步，共 {total} 步',
      header: { steps: '{n} 步', seed: '种子 {seed}', step: '第 {n} / {total} 步' },
      scrubber: { label: '步', valueText: '第 {n} 步，共 {total} 步', play: '播放', pause: '暂停', speed: '速度' },
      thumbs: { label: '每一步', thumb: '第 {n} 步' },
      views: { label: '视图', xt: 'x_t', x0: '预测的 x0', channels: '通道', diff: '差异', compare: '对比' },
      frame: {
        alt: '{prompt} — 第 {n} 步，{view}', channelsNote: '潜空间通道 0–3，从左到右、从上到下。',
        scale: '通道范围', shared: '共用', perChannel: '逐通道', firstDiff: '第 1 步没有上一步可比较。',
        compareWith: '对比的步', rendering: '渲染中…',
      },
      decode: { button: '解码', busy: '正在用 VAE 解码…', title: '第 {n} 步的 VAE 解码' },
      charts: {
        sigma: '噪声调度 (σ)', guidance: '引导强度', time: '每步耗时 (毫秒)',
        summary: '{title}：第 1 步 {first}，第 {total} 步 {last}；第 {n} 步：{value}',
        noGuidance: '引导强度：无 (CFG ≤ 1)。', step: '步', value: '数值',
      },
      export: {
        title: '导出', format: '格式', webp: '动态 WebP', gif: '动态 GIF', sheet: '缩略图总览 (PNG)', frames: '帧',
        start: '导出', busy: '导出中…', download: '下载 {name}', done: '{frames} 帧 · {width}×{height} · {size}',
        folder: '时间轴文件夹', copy: '复制路径', copied: '已复制', liveNote: '生成完成后才能导出。',
      },
    },
    errors: {
      'timeline/unknown-job': '任务 {jobId} 已不再记录时间轴。请从图库打开该图像的时间轴。',
      'timeline/no-previous-step': '第 1 步没有上一步可比较。',
      'timeline/model-unavailable': '生成此时间轴的模型（{modelDir}）不在应用的模型中；添加该文件夹后才能解码。',
      'timeline/no-model': '此时间轴没有记录模型，无法解码其步骤。',
      'timeline/no-decoder': '此主机无法解码时间轴步骤。',
      'timeline/none': '此图像没有时间轴。请在记录时间轴的情况下重新生成。',
      'timeline/unreadable': '无法读取时间轴文件夹：{message}',
    },
  },
  'zh-TW': {
    timeline: {
      empty: '還沒有帶時間軸的影像。先生成一張影像，再從結果或圖庫開啟它的時間軸。',
      live: '記錄中：第 {n} 步，共 {total} 步',
      header: { steps: '{n} 步', seed: '種子 {seed}', step: '第 {n} / {total} 步' },
      scrubber: { label: '步', valueText: '第 {n} 步，共 {total} 步', play: '播放', pause: '暫停', speed: '速度' },
      thumbs: { label: '每一步', thumb: '第 {n} 步' },
      views: { label: '檢視', xt: 'x_t', x0: '預測的 x0', channels: '通道', diff: '差異', compare: '對比' },
      frame: {
        alt: '{prompt} — 第 {n} 步，{view}', channelsNote: '潛空間通道 0–3，由左至右、由上至下。',
        scale: '通道範圍', shared: '共用', perChannel: '逐通道', firstDiff: '第 1 步沒有上一步可比較。',
        compareWith: '對比的步', rendering: '算繪中…',
      },
      decode: { button: '解碼', busy: '正在用 VAE 解碼…', title: '第 {n} 步的 VAE 解碼' },
      charts: {
        sigma: '雜訊排程 (σ)', guidance: '引導強度', time: '每步耗時 (毫秒)',
        summary: '{title}：第 1 步 {first}，第 {total} 步 {last}；第 {n} 步：{value}',
        noGuidance: '引導強度：無 (CFG ≤ 1)。', step: '步', value: '數值',
      },
      export: {
        title: '匯出', format: '格式', webp: '動態 WebP', gif: '動態 GIF', sheet: '縮圖總覽 (PNG)', frames: '影格',
        start: '匯出', busy: '匯出中…', download: '下載 {name}', done: '{frames} 影格 · {width}×{height} · {size}',
        folder: '時間軸資料夾', copy: '複製路徑', copied: '已複製', liveNote: '生成完成後才能匯出。',
      },
    },
    errors: {
      'timeline/unknown-job': '工作 {jobId} 已不再記錄時間軸。請從圖庫開啟該影像的時間軸。',
      'timeline/no-previous-step': '第 1 步沒有上一步可比較。',
      'timeline/model-unavailable': '產生此時間軸的模型（{modelDir}）不在應用程式的模型中；加入該資料夾後才能解碼。',
      'timeline/no-model': '此時間軸沒有記錄模型，無法解碼其步驟。',
      'timeline/no-decoder': '此主機無法解碼時間軸步驟。',
      'timeline/none': '此影像沒有時間軸。請在記錄時間軸的情況下重新生成。',
      'timeline/unreadable': '無法讀取時間軸資料夾：{message}',
    },
  },
};
