// Words of the Models screen, and the errors of models.* and download jobs by code.
export default {
  en: {
    models: {
      installed: {
        title: 'Installed models', name: 'Name', layout: 'Layout', precision: 'Precision', size: 'Size on disk', source: 'Source', actions: 'Actions',
        verify: 'Verify', verifying: 'Verifying…', convert: 'Convert to float16', confirmDelete: 'Delete from disk', keep: 'Keep',
        verifyOk: 'Verified: {files} files, {size}, all intact.', verifyBad: '{n} problem(s): {first}. Download it again to repair it.',
      },
      precision: { float32: 'float32', float16: 'float16', mixed: 'mixed' },
      sources: { 'hf-cache': 'Hugging Face cache', imported: 'Imported', folder: 'Startup folder', builtin: 'Built-in demo' },
      empty: {
        title: 'No model yet.',
        demoTitle: 'Only the built-in demo model is installed.',
        demo: 'It has random weights: it makes patterns, not pictures, but generating, the gallery and the timeline all work with it. For real images, download a model:',
        how: 'Download one from the catalog below (SD-Turbo makes an image in one to four steps, the best first model on a CPU), or import a folder with an ONNX export of Stable Diffusion.',
        mirror: 'Downloads will come from {mirror}, which answered the probe.', noMirror: 'No mirror answered the probe: check your connection or proxy in Settings, or set a custom endpoint.',
      },
      catalog: {
        title: 'Catalog', download: 'Download', downloading: 'Downloading…', installed: 'Installed', firstModel: 'Best first model',
        facts: '{size} · {license} · {sampler}, steps: {steps}',
      },
      downloads: {
        title: 'Downloads', total: 'Total progress of {name}', converting: 'Converting {name} to float16',
        speed: '{rate}', eta: '{time} left', from: 'from {endpoint}', files: '{n} files', file: 'File', progress: 'Progress', fileState: 'State',
        openSettings: 'Open Settings',
        state: { queued: 'Queued', running: 'Downloading', paused: 'Paused', verifying: 'Verifying' },
        fileStates: { queued: 'queued', resolving: 'resolving', downloading: 'downloading', verifying: 'verifying', done: 'done', cached: 'already here', failed: 'failed' },
      },
      mirror: {
        legend: 'Download from', probe: 'Check mirrors again', probing: 'Checking…', ok: 'answers in {ms} ms', down: 'unreachable: {error}',
        autoPicks: 'now: {mirror}',
      },
      import: { legend: 'Import a local folder', path: 'Model folder', hint: 'A folder with model_index.json or unet/model.onnx; it stays where it is.', button: 'Import' },
    },
    errors: {
      'hub/gated': '"{repo}" is a gated model: open {page}, sign in and accept its terms, then save a Hugging Face token with access in Settings and download again.',
      'hub/disk-full': 'Not enough disk space for this download. Free some space, then download again: it resumes where it stopped.',
      'hub/proxy-auth': 'The proxy {proxy} asks for a user name and password. Put them in the proxy address in Settings, or in HTTPS_PROXY.',
      'hub/unauthorized': 'The hub rejected the token. Save a valid Hugging Face token in Settings, or remove it for public models.',
      'hub/repo-not-found': 'The repository was not found: it does not exist, is private, or was deleted. Check the name; a private one needs a token in Settings.',
      'hub/network': '{message}',
      'hub/no-endpoint': 'No mirror is reachable. Check your connection or the proxy in Settings, or choose another mirror.',
      'models/not-verifiable': 'This is a local folder: there are no hub hashes to check it against. Only downloaded models can be verified.',
    },
  },
  'zh-CN': {
    models: {
      installed: {
        title: '已安装的模型', name: '名称', layout: '格式', precision: '精度', size: '占用空间', source: '来源', actions: '操作',
        verify: '校验', verifying: '正在校验…', convert: '转换为 float16', confirmDelete: '从磁盘删除', keep: '保留',
        verifyOk: '校验通过：{files} 个文件，{size}，全部完好。', verifyBad: '{n} 个问题：{first}。重新下载即可修复。',
      },
      precision: { float32: 'float32', float16: 'float16', mixed: '混合' },
      sources: { 'hf-cache': 'Hugging Face 缓存', imported: '已导入', folder: '启动时指定的文件夹', builtin: '内置演示' },
      empty: {
        title: '还没有模型。',
        demoTitle: '只安装了内置的演示模型。',
        demo: '它的权重是随机的：生成的是图案而不是图画，但生成、图库和时间轴都可以用它体验。要生成真正的图像，请下载一个模型：',
        how: '从下面的模型目录下载一个（SD-Turbo 只需一到四步就能出图，是 CPU 上最适合入门的模型），或导入一个包含 Stable Diffusion ONNX 导出的文件夹。',
        mirror: '将从 {mirror} 下载，它响应了探测。', noMirror: '没有镜像源响应探测：请在“设置”里检查网络连接或代理，或设置自定义端点。',
      },
      catalog: {
        title: '模型目录', download: '下载', downloading: '正在下载…', installed: '已安装', firstModel: '入门首选',
        facts: '{size} · {license} · {sampler}，步数：{steps}',
      },
      downloads: {
        title: '下载', total: '{name} 的总进度', converting: '正在把 {name} 转换为 float16',
        speed: '{rate}', eta: '剩余 {time}', from: '来自 {endpoint}', files: '{n} 个文件', file: '文件', progress: '进度', fileState: '状态',
        openSettings: '打开设置',
        state: { queued: '排队中', running: '下载中', paused: '已暂停', verifying: '校验中' },
        fileStates: { queued: '排队中', resolving: '解析中', downloading: '下载中', verifying: '校验中', done: '完成', cached: '已存在', failed: '失败' },
      },
      mirror: {
        legend: '下载来源', probe: '重新检测镜像源', probing: '正在检测…', ok: '{ms} 毫秒响应', down: '无法连接：{error}',
        autoPicks: '当前：{mirror}',
      },
      import: { legend: '导入本地文件夹', path: '模型文件夹', hint: '包含 model_index.json 或 unet/model.onnx 的文件夹；文件夹保留在原处。', button: '导入' },
    },
    errors: {
      'hub/gated': '“{repo}”是受限模型：打开 {page}，登录并同意使用条款，然后在“设置”中保存有访问权限的 Hugging Face 令牌，再重新下载。',
      'hub/disk-full': '磁盘空间不足。请释放空间后重新下载：会从中断处继续。',
      'hub/proxy-auth': '代理 {proxy} 需要用户名和密码。请把它们写进“设置”中的代理地址，或写进 HTTPS_PROXY。',
      'hub/unauthorized': 'Hub 拒绝了令牌。请在“设置”中保存有效的 Hugging Face 令牌，下载公开模型时也可以删除令牌。',
      'hub/repo-not-found': '找不到该仓库：它不存在、是私有的或已被删除。请检查名称；私有仓库需要在“设置”中保存令牌。',
      'hub/network': '{message}',
      'hub/no-endpoint': '无法连接任何镜像源。请检查网络连接或“设置”中的代理，或换一个镜像源。',
      'models/not-verifiable': '这是本地文件夹：没有 Hub 的哈希值可供校验。只有下载的模型可以校验。',
    },
  },
  'zh-TW': {
    models: {
      installed: {
        title: '已安裝的模型', name: '名稱', layout: '格式', precision: '精度', size: '佔用空間', source: '來源', actions: '操作',
        verify: '驗證', verifying: '正在驗證…', convert: '轉換為 float16', confirmDelete: '從磁碟刪除', keep: '保留',
        verifyOk: '驗證通過：{files} 個檔案，{size}，全部完好。', verifyBad: '{n} 個問題：{first}。重新下載即可修復。',
      },
      precision: { float32: 'float32', float16: 'float16', mixed: '混合' },
      sources: { 'hf-cache': 'Hugging Face 快取', imported: '已匯入', folder: '啟動時指定的資料夾', builtin: '內建示範' },
      empty: {
        title: '還沒有模型。',
        demoTitle: '只安裝了內建的示範模型。',
        demo: '它的權重是隨機的：產生的是圖樣而不是圖畫，但生成、圖庫和時間軸都可以用它體驗。要產生真正的影像，請下載一個模型：',
        how: '從下面的模型目錄下載一個（SD-Turbo 只需一到四步就能出圖，是 CPU 上最適合入門的模型），或匯入一個包含 Stable Diffusion ONNX 匯出的資料夾。',
        mirror: '將從 {mirror} 下載，它回應了探測。', noMirror: '沒有鏡像來源回應探測：請在「設定」裡檢查網路連線或代理伺服器，或設定自訂端點。',
      },
      catalog: {
        title: '模型目錄', download: '下載', downloading: '正在下載…', installed: '已安裝', firstModel: '入門首選',
        facts: '{size} · {license} · {sampler}，步數：{steps}',
      },
      downloads: {
        title: '下載', total: '{name} 的總進度', converting: '正在把 {name} 轉換為 float16',
        speed: '{rate}', eta: '剩餘 {time}', from: '來自 {endpoint}', files: '{n} 個檔案', file: '檔案', progress: '進度', fileState: '狀態',
        openSettings: '開啟設定',
        state: { queued: '排隊中', running: '下載中', paused: '已暫停', verifying: '驗證中' },
        fileStates: { queued: '排隊中', resolving: '解析中', downloading: '下載中', verifying: '驗證中', done: '完成', cached: '已存在', failed: '失敗' },
      },
      mirror: {
        legend: '下載來源', probe: '重新檢測鏡像來源', probing: '正在檢測…', ok: '{ms} 毫秒回應', down: '無法連線：{error}',
        autoPicks: '目前：{mirror}',
      },
      import: { legend: '匯入本機資料夾', path: '模型資料夾', hint: '包含 model_index.json 或 unet/model.onnx 的資料夾；資料夾保留在原處。', button: '匯入' },
    },
    errors: {
      'hub/gated': '「{repo}」是受限模型：開啟 {page}，登入並同意使用條款，然後在「設定」中儲存有存取權限的 Hugging Face 權杖，再重新下載。',
      'hub/disk-full': '磁碟空間不足。請釋放空間後重新下載：會從中斷處繼續。',
      'hub/proxy-auth': '代理伺服器 {proxy} 需要使用者名稱和密碼。請把它們寫進「設定」中的代理伺服器位址，或寫進 HTTPS_PROXY。',
      'hub/unauthorized': 'Hub 拒絕了權杖。請在「設定」中儲存有效的 Hugging Face 權杖，下載公開模型時也可以刪除權杖。',
      'hub/repo-not-found': '找不到該儲存庫：它不存在、是私有的或已被刪除。請檢查名稱；私有儲存庫需要在「設定」中儲存權杖。',
      'hub/network': '{message}',
      'hub/no-endpoint': '無法連線任何鏡像來源。請檢查網路連線或「設定」中的代理伺服器，或換一個鏡像來源。',
      'models/not-verifiable': '這是本機資料夾：沒有 Hub 的雜湊值可供驗證。只有下載的模型可以驗證。',
    },
  },
};
