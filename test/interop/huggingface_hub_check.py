"""Latent Studio's model cache against the real huggingface_hub (not part of `npm test`: huggingface_hub
cannot be installed on the CI machines, which reach only npm and Debian).

    HF_HUB_SRC=/path/to/huggingface_hub/src python3 test/interop/huggingface_hub_check.py

HF_HUB_SRC is put first on sys.path for the child Pythons; leave it unset to use an installed
huggingface_hub. Everything runs against the fake hub (test/hub/fake-hub.ts) on 127.0.0.1 in a temporary
folder. It checks, in both directions, that a cache one side wrote is what the other side reads:

1. `latent-studio models pull` → huggingface_hub with HF_HUB_OFFLINE=1 (snapshot_download, hf_hub_download,
   try_to_load_from_cache, scan_cache_dir without warnings), for a branch and for a tag;
2. huggingface_hub's snapshot_download from the fake hub → `latent-studio models list / pull / verify`,
   the pull fetching no file byte;
3. both writing into one cache, and the same gated-repository answer on both sides.
Exit status 0 when every check passes.
"""
import hashlib
import json
import os
import pathlib
import subprocess
import sys
import tempfile

ROOT = pathlib.Path(__file__).resolve().parents[2]
REPO = 'org/sd-onnx'
failures = []

# Run before each huggingface_hub snippet. Debian 12's python3-filelock (3.9) predates the `mode` argument
# that huggingface_hub passes to FileLock; dropping it only loses the lock file's permission bits.
PRELUDE = """
import inspect, json, filelock
if 'mode' not in inspect.signature(filelock.BaseFileLock.__init__).parameters:
    _init = filelock.BaseFileLock.__init__
    filelock.BaseFileLock.__init__ = lambda self, lock_file, timeout=-1, mode=None, **kw: _init(self, lock_file, timeout=timeout, **kw)
import huggingface_hub as H
"""


def check(name, ok, detail=''):
    print(('PASS ' if ok else 'FAIL ') + name + (f'  [{detail}]' if detail and not ok else ''), flush=True)
    if not ok:
        failures.append(name)


class Hub:
    def __init__(self):
        self.proc = subprocess.Popen(['node', 'bin/run-ts.js', 'test/interop/fake-hub-server.ts'], cwd=ROOT,
                                     stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
        self.info = json.loads(self.proc.stdout.readline())

    def ask(self, command):
        self.proc.stdin.write(command + '\n')
        self.proc.stdin.flush()
        return json.loads(self.proc.stdout.readline())

    def close(self):
        self.proc.stdin.close()
        self.proc.wait(timeout=30)


def main():
    tmp = pathlib.Path(tempfile.mkdtemp(prefix='ls-hf-interop-'))
    env = {k: v for k, v in os.environ.items() if not k.startswith('HF_')}
    env.update(HOME=str(tmp), HF_HOME=str(tmp / 'hf-home'), LATENT_STUDIO_HOME=str(tmp / 'ls'))
    pyenv = dict(env)
    if os.environ.get('HF_HUB_SRC'):
        pyenv['PYTHONPATH'] = os.pathsep.join(filter(None, [os.environ['HF_HUB_SRC'], os.environ.get('PYTHONPATH')]))
    hub = Hub()
    url = hub.info['url']

    def studio(*args, extra=None):
        return subprocess.run(['node', 'bin/latent-studio.js', *args], cwd=ROOT, env=dict(env, **(extra or {})), capture_output=True, text=True)

    def hf(code, extra=None):
        r = subprocess.run([sys.executable, '-c', PRELUDE + code], env=dict(pyenv, **(extra or {})), capture_output=True, text=True)
        out = r.stdout.strip().splitlines()
        return r.returncode, (json.loads(out[-1]) if r.returncode == 0 and out else None), r.stderr.strip()

    version = hf('print(json.dumps(H.__version__))')[1]
    print(f'huggingface_hub {version}, fake hub {url}')
    try:
        # 1. Latent Studio writes, huggingface_hub reads offline: a branch, then a tag.
        a = tmp / 'cache-a'
        for rev in ('main', 'v1.0'):
            r = studio('models', 'pull', REPO, '--revision', rev, '--endpoint', url, '--cache-dir', str(a), '--json')
            check(f'latent-studio pulls {rev}', r.returncode == 0, r.stderr[-300:])
            pulled = json.loads(r.stdout.strip().splitlines()[-1])
            rc, o, err = hf(f'''
p = H.snapshot_download({REPO!r}, revision={rev!r}, cache_dir={str(a)!r})
f = H.hf_hub_download({REPO!r}, "unet/weights.pb", revision={rev!r}, cache_dir={str(a)!r})
c = H.try_to_load_from_cache({REPO!r}, "model_index.json", revision={rev!r}, cache_dir={str(a)!r})
print(json.dumps(dict(snapshot=p, weights=f, cached=c)))''', {'HF_HUB_OFFLINE': '1'})
            check(f'huggingface_hub reads {rev} offline', rc == 0, err[-400:])
            if rc == 0:
                check(f'{rev}: same snapshot folder', os.path.realpath(o['snapshot']) == os.path.realpath(pulled['path']), o['snapshot'])
                check(f'{rev}: commit {hub.info["commits"][rev][:12]}', pulled['commit'] == hub.info['commits'][rev])
                weights = pathlib.Path(o['weights']).read_bytes()
                served = pathlib.Path(pulled['path'], 'unet', 'weights.pb').read_bytes()
                check(f'{rev}: weights read through huggingface_hub', hashlib.sha256(weights).digest() == hashlib.sha256(served).digest() and len(weights) > 0)
                check(f'{rev}: try_to_load_from_cache finds model_index.json', bool(o['cached']) and pathlib.Path(o['cached']).is_file())
        rc, o, err = hf(f'''
info = H.scan_cache_dir({str(a)!r})
repo = next(iter(info.repos))
print(json.dumps(dict(warnings=[str(w) for w in info.warnings], refs=sorted(r for rev in repo.revisions for r in rev.refs), revisions=len(repo.revisions), size=repo.size_on_disk)))''')
        check('scan_cache_dir: no warnings', rc == 0 and o['warnings'] == [], err[-300:] if rc else o['warnings'])
        if rc == 0:
            check('scan_cache_dir: refs main and v1.0', o['refs'] == ['main', 'v1.0'] and o['revisions'] == 2, o)

        # 2. huggingface_hub writes (downloading from the fake hub), Latent Studio reads.
        b = tmp / 'cache-b'
        hub.ask('reset')
        rc, o, err = hf(f'print(json.dumps(H.snapshot_download({REPO!r}, cache_dir={str(b)!r})))', {'HF_ENDPOINT': url})
        check('huggingface_hub downloads from the fake hub', rc == 0, err[-600:])
        check('huggingface_hub fetched the files', hub.ask('stats')['total'] > 5_000_000)
        r = studio('models', 'list', '--cache-dir', str(b), '--json')
        listed = json.loads(r.stdout) if r.returncode == 0 else []
        entry = next((m for m in listed if m.get('repo') == REPO), None)
        check('latent-studio lists the huggingface_hub cache as a complete ONNX model', bool(entry) and entry['revisions'][0]['onnx'] and not entry['revisions'][0]['missing'], r.stdout[-400:])
        hub.ask('reset')
        r = studio('models', 'pull', REPO, '--endpoint', url, '--cache-dir', str(b), '--json')
        stats = hub.ask('stats')
        check('latent-studio pull on that cache fetches no file byte', r.returncode == 0 and stats['total'] == 0, stats)
        r = studio('models', 'verify', REPO, '--cache-dir', str(b))
        check('latent-studio verify on that cache', r.returncode == 0, r.stderr[-300:])
        r = studio('models', 'pull', REPO, '--cache-dir', str(b), '--json', extra={'HF_HUB_OFFLINE': '1', 'HF_ENDPOINT': 'http://127.0.0.1:9'})
        check('latent-studio honours HF_HUB_OFFLINE with a cached snapshot', r.returncode == 0, r.stderr[-300:])

        # 3. One cache, both writers; gated answers.
        rc, o, err = hf(f'print(json.dumps(H.hf_hub_download({REPO!r}, "README.md", cache_dir={str(a)!r})))', {'HF_ENDPOINT': url})
        check('huggingface_hub adds a file to a Latent Studio cache', rc == 0, err[-300:])
        r = studio('models', 'verify', REPO, '--cache-dir', str(a))
        check('latent-studio verify after huggingface_hub wrote', r.returncode == 0, r.stderr[-300:])
        rc, o, err = hf(f'H.snapshot_download("org/gated", cache_dir={str(tmp / "cache-c")!r})', {'HF_ENDPOINT': url})
        check('huggingface_hub refuses the gated repository', rc != 0 and 'GatedRepoError' in err, err[-300:])
        r = studio('models', 'pull', 'org/gated', '--endpoint', url, '--cache-dir', str(tmp / 'cache-c'))
        check('latent-studio refuses it with hub/gated', r.returncode != 0 and '[hub/gated]' in r.stderr, r.stderr[-300:])
        r = studio('models', 'pull', 'org/gated', '--endpoint', url, '--cache-dir', str(tmp / 'cache-c'), '--token', 'hf_good', '--json')
        # NOTE: hf_hub_download, not snapshot_download: huggingface_hub's failed attempt above cached the tree
        # listing, and with it an offline snapshot_download rightly calls our pull (the engine's files only) incomplete.
        rc, o, err = hf(f'print(json.dumps(H.hf_hub_download("org/gated", "unet/model.onnx", cache_dir={str(tmp / "cache-c")!r})))', {'HF_HUB_OFFLINE': '1'})
        check('a gated model pulled with a token reads offline in huggingface_hub', r.returncode == 0 and rc == 0, (r.stderr + err)[-300:])
    finally:
        hub.close()
    print(f'{"all checks passed" if not failures else f"{len(failures)} check(s) failed"} (huggingface_hub {version})')
    return 1 if failures else 0


if __name__ == '__main__':
    sys.exit(main())
