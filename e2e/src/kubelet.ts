/**
 * A pod runner for a machine without containers: creates the Pods of a Deployment from its
 * template in the API server (as the ReplicaSet controller would), gives each a loopback pod
 * IP in status.podIP, and runs each container as a local process in its own mount + UTS
 * namespace, driven by the pod object the API server returned (after admission): init
 * containers in order, then the containers; env with downward API and $(VAR) expansion; the
 * ConfigMap / Secret / emptyDir / PVC / projected (ServiceAccount token via TokenRequest) /
 * downwardAPI volumes at their mountPaths; runAsUser/runAsGroup/fsGroup, no_new_privs,
 * readOnlyRootFilesystem. Exited containers restart with the kubelet's back-off
 * (10 s doubling to 300 s). Every container's output goes to <run>/logs/<pod>/<container>.log.
 * The machine-specific mapping lives in mapping.ts only.
 */
import { ChildProcess, spawn, spawnSync } from 'child_process';
import * as crypto from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import { Kube, ns } from './kube';
import { apiServiceEnv, ApiAddress, claimDir, imageConfig, PODNET_SO, podIp } from './mapping';

type Obj = any;

export interface ContainerRun {
  readonly name: string;
  proc?: ChildProcess;
  pid?: number;
  restarts: number;
  startedAt?: number;
  exits: Array<{ at: number; code: number | null; signal: string | null }>;
  logFile: string;
}

export interface PodRun {
  readonly name: string;
  readonly namespace: string;
  readonly ip: string;
  readonly dir: string;
  pod: Obj;
  containers: Map<string, ContainerRun>;
  stopping: boolean;
  initDone: boolean;
}

const q = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;

/** Kubernetes' $(VAR) expansion (third_party/forked/golang/expansion): $$ -> $, unknown refs kept. */
export function expand(input: string, vars: Record<string, string>): string {
  let out = '';
  for (let i = 0; i < input.length; i++) {
    const c = input[i];
    if (c !== '$' || i + 1 >= input.length) {
      out += c;
      continue;
    }
    const n = input[i + 1];
    if (n === '$') {
      out += '$';
      i++;
      continue;
    }
    if (n === '(') {
      const end = input.indexOf(')', i + 2);
      if (end < 0) {
        out += input.slice(i);
        break;
      }
      const name = input.slice(i + 2, end);
      out += Object.prototype.hasOwnProperty.call(vars, name) ? vars[name] : `$(${name})`;
      i = end;
      continue;
    }
    out += c;
  }
  return out;
}

function fieldPath(pod: Obj, p: string): string {
  const m = /^metadata\.(labels|annotations)\['(.+)'\]$/.exec(p);
  if (m) return pod.metadata[m[1]]?.[m[2]] ?? '';
  switch (p) {
    case 'metadata.name':
      return pod.metadata.name;
    case 'metadata.namespace':
      return pod.metadata.namespace;
    case 'metadata.uid':
      return pod.metadata.uid;
    case 'spec.nodeName':
      return pod.spec.nodeName ?? '';
    case 'spec.serviceAccountName':
      return pod.spec.serviceAccountName ?? '';
    case 'status.hostIP':
      return pod.status?.hostIP ?? '';
    case 'status.podIP':
      return pod.status?.podIP ?? '';
    case 'status.podIPs':
      return (pod.status?.podIPs ?? []).map((x: Obj) => x.ip).join(',');
    default:
      throw new Error(`downward API fieldPath ${p} is not supported by the e2e kubelet`);
  }
}

const UNITS: Record<string, number> = {
  '': 1,
  k: 1e3,
  M: 1e6,
  G: 1e9,
  T: 1e12,
  Ki: 1024,
  Mi: 1024 ** 2,
  Gi: 1024 ** 3,
  Ti: 1024 ** 4,
  m: 1e-3,
};
function quantity(s: string): number {
  const m = /^([0-9.]+)([a-zA-Z]*)$/.exec(String(s));
  if (!m || !(m[2] in UNITS)) throw new Error(`quantity ${s}`);
  return Number(m[1]) * UNITS[m[2]];
}

export class Kubelet {
  readonly pods = new Map<string, PodRun>();
  private nextIp = 0;
  private closed = false;
  private readonly timers = new Set<NodeJS.Timeout>();

  constructor(
    private readonly kube: Kube,
    readonly runDir: string,
    private readonly api: ApiAddress,
    readonly caFile: string,
    private readonly say: (m: string) => void = () => {},
  ) {
    fs.mkdirSync(path.join(runDir, 'logs'), { recursive: true });
  }

  /** Plays the ReplicaSet controller: creates `replicas` Pods from the Deployment's template. */
  async createPods(namespace: string, deployment: string, replicas?: number): Promise<PodRun[]> {
    const d = await this.kube.get(`/apis/apps/v1/namespaces/${namespace}/deployments/${deployment}`);
    const tpl = d.spec.template;
    const hash = crypto.createHash('sha256').update(JSON.stringify(tpl)).digest('hex').slice(0, 10);
    const out: PodRun[] = [];
    for (let i = 0; i < (replicas ?? d.spec.replicas ?? 1); i++) {
      const name = `${deployment}-${hash}-${crypto.randomBytes(3).toString('hex').slice(0, 5)}`;
      const pod = await this.kube.request('POST', ns(namespace, 'pods'), {
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: {
          name,
          namespace,
          labels: { ...tpl.metadata?.labels, 'pod-template-hash': hash },
          annotations: tpl.metadata?.annotations,
        },
        spec: tpl.spec,
      });
      out.push(await this.startPod(pod));
    }
    return out;
  }

  async startPod(pod: Obj): Promise<PodRun> {
    const name = pod.metadata.name;
    const namespace = pod.metadata.namespace;
    const ip = podIp(this.nextIp++);
    const now = new Date().toISOString().replace(/\.\d+Z$/, 'Z');
    pod = await this.kube.request(
      'PATCH',
      `${ns(namespace, 'pods', name)}/status`,
      {
        status: {
          phase: 'Running',
          podIP: ip,
          podIPs: [{ ip }],
          hostIP: '127.0.0.1',
          hostIPs: [{ ip: '127.0.0.1' }],
          startTime: now,
          conditions: [
            { type: 'PodScheduled', status: 'True', lastTransitionTime: now },
            { type: 'Initialized', status: 'True', lastTransitionTime: now },
          ],
        },
      },
      'application/merge-patch+json',
    );
    const dir = path.join(this.runDir, 'pods', name);
    fs.mkdirSync(path.join(dir, 'volumes'), { recursive: true });
    fs.mkdirSync(path.join(this.runDir, 'logs', name), { recursive: true });
    fs.writeFileSync(
      path.join(dir, 'hosts'),
      `# Kubernetes-managed hosts file.\n127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\n${ip}\t${name}\n`,
    );
    fs.writeFileSync(path.join(dir, 'hostname'), `${name}\n`);
    const run: PodRun = { name, namespace, ip, dir, pod, containers: new Map(), stopping: false, initDone: false };
    this.pods.set(name, run);
    await this.prepareVolumes(run);
    this.say(`pod ${namespace}/${name} ip ${ip}`);
    void this.runInitThenContainers(run);
    return run;
  }

  private volDir(run: PodRun, vol: string) {
    return path.join(run.dir, 'volumes', vol);
  }

  private async prepareVolumes(run: PodRun): Promise<void> {
    const pod = run.pod;
    const fsGroup: number | undefined = pod.spec.securityContext?.fsGroup;
    for (const v of pod.spec.volumes ?? []) {
      const dir = this.volDir(run, v.name);
      if (v.persistentVolumeClaim) {
        const claim = await this.kube.get(
          ns(run.namespace, 'persistentvolumeclaims', v.persistentVolumeClaim.claimName),
        );
        const shared = claimDir(this.runDir, run.namespace, claim.metadata.name);
        fs.mkdirSync(shared, { recursive: true });
        if (fsGroup !== undefined) {
          fs.chownSync(shared, 0, fsGroup);
          fs.chmodSync(shared, 0o2775);
        }
        fs.symlinkSync(shared, dir);
        continue;
      }
      fs.mkdirSync(dir, { recursive: true });
      if (v.emptyDir) {
        fs.chmodSync(dir, 0o777);
        if (fsGroup !== undefined) {
          fs.chownSync(dir, 0, fsGroup);
          fs.chmodSync(dir, 0o2777);
        }
      } else if (v.configMap || v.secret) {
        const src = v.configMap ?? v.secret;
        const obj = await this.kube.getOrUndefined(
          ns(run.namespace, v.configMap ? 'configmaps' : 'secrets', v.configMap ? src.name : src.secretName),
        );
        if (!obj) {
          if (src.optional) continue;
          throw new Error(`pod ${run.name}: volume ${v.name}: ${v.configMap ? 'ConfigMap' : 'Secret'} not found`);
        }
        const data: Record<string, string> = {};
        for (const [k, val] of Object.entries(obj.data ?? {}))
          data[k] = v.secret ? Buffer.from(val as string, 'base64').toString('latin1') : (val as string);
        for (const [k, val] of Object.entries(obj.binaryData ?? {}))
          data[k] = Buffer.from(val as string, 'base64').toString('latin1');
        this.writeItems(dir, data, src.items, src.defaultMode ?? 0o644, fsGroup);
      } else if (v.projected) {
        for (const s of v.projected.sources ?? []) {
          if (s.serviceAccountToken) {
            const tr = await this.kube.request(
              'POST',
              `${ns(run.namespace, 'serviceaccounts', run.pod.spec.serviceAccountName ?? 'default')}/token`,
              {
                apiVersion: 'authentication.k8s.io/v1',
                kind: 'TokenRequest',
                spec: {
                  audiences: s.serviceAccountToken.audience ? [s.serviceAccountToken.audience] : [],
                  expirationSeconds: s.serviceAccountToken.expirationSeconds ?? 3600,
                  boundObjectRef: { apiVersion: 'v1', kind: 'Pod', name: run.name, uid: run.pod.metadata.uid },
                },
              },
            );
            this.writeItems(
              dir,
              { [s.serviceAccountToken.path]: tr.status.token },
              undefined,
              v.projected.defaultMode ?? 0o644,
              fsGroup,
            );
          } else if (s.configMap) {
            const cm = await this.kube.getOrUndefined(ns(run.namespace, 'configmaps', s.configMap.name));
            if (!cm) {
              if (s.configMap.optional) continue;
              throw new Error(`pod ${run.name}: projected ConfigMap ${s.configMap.name} not found`);
            }
            this.writeItems(dir, cm.data ?? {}, s.configMap.items, v.projected.defaultMode ?? 0o644, fsGroup);
          } else if (s.downwardAPI) {
            const data: Record<string, string> = {};
            for (const it of s.downwardAPI.items ?? []) data[it.path] = fieldPath(run.pod, it.fieldRef.fieldPath);
            this.writeItems(dir, data, undefined, v.projected.defaultMode ?? 0o644, fsGroup);
          } else {
            throw new Error(
              `pod ${run.name}: projected source ${Object.keys(s).join()} not supported by the e2e kubelet`,
            );
          }
        }
      } else if (v.downwardAPI) {
        const data: Record<string, string> = {};
        for (const it of v.downwardAPI.items ?? []) data[it.path] = fieldPath(run.pod, it.fieldRef.fieldPath);
        this.writeItems(dir, data, undefined, v.downwardAPI.defaultMode ?? 0o644, fsGroup);
      } else {
        throw new Error(
          `pod ${run.name}: volume ${v.name} (${Object.keys(v)
            .filter((k) => k !== 'name')
            .join()}) not supported by the e2e kubelet`,
        );
      }
    }
  }

  private writeItems(
    dir: string,
    data: Record<string, string>,
    items: Obj[] | undefined,
    mode: number,
    fsGroup?: number,
  ) {
    const list = items
      ? items.map((it: Obj) => [it.key, it.path, it.mode] as const)
      : Object.keys(data).map((k) => [k, k, undefined] as const);
    for (const [key, rel, m] of list) {
      if (!(key in data)) throw new Error(`key ${key} not found`);
      const f = path.join(dir, rel);
      fs.mkdirSync(path.dirname(f), { recursive: true });
      fs.writeFileSync(f, data[key], 'latin1');
      fs.chmodSync(f, m ?? mode);
      if (fsGroup !== undefined) fs.chownSync(f, 0, fsGroup);
    }
  }

  private containerEnv(run: PodRun, c: Obj): Array<[string, string]> {
    const pod = run.pod;
    const img = imageConfig(c.image);
    const vars: Record<string, string> = {};
    const list: Array<[string, string]> = [];
    const set = (k: string, v: string) => {
      const i = list.findIndex(([n]) => n === k);
      if (i >= 0) list.splice(i, 1);
      list.push([k, v]);
      vars[k] = v;
    };
    for (const [k, v] of Object.entries(img.env)) set(k, v);
    set('HOSTNAME', run.name);
    // Service env vars come first and are visible to $(VAR) expansion.
    for (const [k, v] of Object.entries(apiServiceEnv(this.api))) set(k, v);
    for (const ef of c.envFrom ?? []) {
      const ref = ef.configMapRef ?? ef.secretRef;
      throw new Error(`envFrom (${ref?.name}) is not supported by the e2e kubelet yet`);
    }
    for (const e of c.env ?? []) {
      if (e.value !== undefined) {
        set(e.name, expand(e.value, vars));
        continue;
      }
      if (!e.valueFrom) {
        set(e.name, '');
        continue;
      }
      const vf = e.valueFrom;
      if (vf.fieldRef) set(e.name, fieldPath(pod, vf.fieldRef.fieldPath));
      else if (vf.resourceFieldRef) {
        const target = vf.resourceFieldRef.containerName
          ? [...(pod.spec.containers ?? []), ...(pod.spec.initContainers ?? [])].find(
              (x: Obj) => x.name === vf.resourceFieldRef.containerName,
            )
          : c;
        const [kind, res] = vf.resourceFieldRef.resource.split('.');
        const q0 = target?.resources?.[kind]?.[res];
        const divisor = quantity(vf.resourceFieldRef.divisor ?? '1');
        set(e.name, q0 === undefined ? '0' : String(Math.ceil(quantity(q0) / divisor)));
      } else {
        throw new Error(
          `container ${c.name}: env ${e.name}: valueFrom ${Object.keys(vf).join()} not supported by the e2e kubelet yet`,
        );
      }
    }
    return list;
  }

  private launcher(run: PodRun, c: Obj, kind: 'init' | 'main'): { script: string } {
    const pod = run.pod;
    const img = imageConfig(c.image);
    const env = this.containerEnv(run, c);
    const vars = Object.fromEntries(env);
    const command: string[] = c.command ? c.command.map((x: string) => expand(x, vars)) : img.entrypoint;
    const args: string[] = c.args ? c.args.map((x: string) => expand(x, vars)) : c.command ? [] : img.cmd;
    const psc = pod.spec.securityContext ?? {};
    const sc = c.securityContext ?? {};
    const uid: number | undefined = sc.runAsUser ?? psc.runAsUser;
    const gid: number | undefined = sc.runAsGroup ?? psc.runAsGroup;
    const runAsNonRoot = sc.runAsNonRoot ?? psc.runAsNonRoot;
    if (uid === undefined)
      throw new Error(`container ${c.name}: no runAsUser; the e2e kubelet does not read the image's USER`);
    if (runAsNonRoot && uid === 0) throw new Error(`container ${c.name}: runAsNonRoot and runAsUser 0`);
    const groups = [
      ...new Set([gid ?? uid, ...(psc.fsGroup !== undefined ? [psc.fsGroup] : []), ...(psc.supplementalGroups ?? [])]),
    ];
    const root = path.join(run.dir, 'root', c.name);
    const layer = path.join(run.dir, 'layers', c.name);
    const L: string[] = ['set -eu', `R=${q(root)}`, 'mkdir -p "$R"', 'mount -t tmpfs -o mode=755 tmpfs "$R"'];
    for (const top of fs.readdirSync('/')) {
      const st = fs.lstatSync(`/${top}`);
      if (st.isSymbolicLink() && ['bin', 'sbin', 'lib', 'lib64', 'lib32', 'libx32'].includes(top))
        L.push(`ln -s ${q(fs.readlinkSync(`/${top}`))} "$R"/${top}`);
    }
    for (const d of ['usr', 'etc', 'sys'])
      L.push(`mkdir "$R"/${d}`, `mount --rbind /${d} "$R"/${d}`, `mount -o remount,bind,ro "$R"/${d}`);
    for (const d of ['dev', 'proc']) L.push(`mkdir "$R"/${d}`, `mount --rbind /${d} "$R"/${d}`);
    L.push(
      `mount --bind ${q(path.join(run.dir, 'hosts'))} "$R"/etc/hosts`,
      `mount --bind ${q(path.join(run.dir, 'hostname'))} "$R"/etc/hostname`,
    );
    L.push(
      'mkdir -p "$R"/tmp "$R"/var/tmp "$R"/run "$R"/root "$R"/home "$R"/.podnet',
      'chmod 1777 "$R"/tmp "$R"/var/tmp',
    );
    L.push(`mount --bind ${q(path.dirname(PODNET_SO))} "$R"/.podnet`, 'mount -o remount,bind,ro "$R"/.podnet');
    for (const p of img.paths) {
      const t = `"$R"${q(p.containerPath)}`;
      if (p.overlay) {
        L.push(
          `rm -rf ${q(layer)}`,
          `mkdir -p ${q(layer)}/upper ${q(layer)}/work ${t}`,
          `mount -t overlay overlay -o lowerdir=${q(p.hostPath)},upperdir=${q(layer)}/upper,workdir=${q(layer)}/work ${t}`,
        );
      } else if (fs.statSync(p.hostPath).isDirectory()) {
        L.push(`mkdir -p ${t}`, `mount --bind ${q(p.hostPath)} ${t}`, `mount -o remount,bind,ro ${t}`);
      } else {
        L.push(
          `mkdir -p "$(dirname ${t})"`,
          `touch ${t}`,
          `mount --bind ${q(p.hostPath)} ${t}`,
          `mount -o remount,bind,ro ${t}`,
        );
      }
    }
    const mounts = [...(c.volumeMounts ?? [])].sort(
      (a: Obj, b: Obj) => a.mountPath.split('/').length - b.mountPath.split('/').length,
    );
    const volNames = new Set((pod.spec.volumes ?? []).map((v: Obj) => v.name));
    for (const m of mounts) {
      if (!volNames.has(m.name)) throw new Error(`container ${c.name}: volumeMount ${m.name} has no volume`);
      const vol = (pod.spec.volumes as Obj[]).find((v) => v.name === m.name);
      let src = this.volDir(run, m.name);
      if (m.subPath) src = path.join(src, m.subPath);
      const t = `"$R"${q(m.mountPath)}`;
      const isFile = fs.existsSync(src) && fs.statSync(src).isFile();
      L.push(isFile ? `mkdir -p "$(dirname ${t})"; [ -e ${t} ] || touch ${t}` : `mkdir -p ${t}`);
      L.push(`mount --bind ${q(fs.realpathSync(src))} ${t}`);
      const ro = m.readOnly || vol.configMap || vol.secret || vol.projected || vol.downwardAPI;
      if (ro) L.push(`mount -o remount,bind,ro ${t}`);
    }
    if (sc.readOnlyRootFilesystem) {
      for (const p of img.paths.filter((x) => x.overlay)) L.push(`mount -o remount,ro "$R"${q(p.containerPath)}`);
      L.push('mount -o remount,ro "$R"');
    }
    L.push(`hostname ${q(run.name)}`);
    const setpriv = [
      '/usr/bin/setpriv',
      `--reuid=${uid}`,
      `--regid=${gid ?? uid}`,
      `--groups=${groups.join(',')}`,
      '--inh-caps=-all',
    ];
    if (sc.allowPrivilegeEscalation === false) setpriv.push('--no-new-privs');
    const wd = c.workingDir ?? img.workingDir;
    const envArgs = env.map(([k, v]) => q(`${k}=${v}`));
    if (kind === 'main') envArgs.push(q(`LD_PRELOAD=/.podnet/${path.basename(PODNET_SO)}`));
    L.push(
      `exec unshare --root="$R" --wd=${q(wd)} -- /usr/bin/env -i ${envArgs.join(' ')} ${setpriv.map(q).join(' ')} -- ${[...command, ...args].map(q).join(' ')}`,
    );
    const script = path.join(run.dir, `${c.name}.sh`);
    fs.writeFileSync(script, L.join('\n') + '\n');
    return { script };
  }

  private spawnContainer(run: PodRun, c: Obj, kind: 'init' | 'main'): ContainerRun {
    let cr = run.containers.get(c.name);
    const logFile = path.join(this.runDir, 'logs', run.name, `${c.name}.log`);
    if (!cr) {
      cr = { name: c.name, restarts: 0, exits: [], logFile };
      run.containers.set(c.name, cr);
    }
    const { script } = this.launcher(run, c, kind);
    const fd = fs.openSync(logFile, 'a');
    fs.writeSync(
      fd,
      `\n===== e2e-kubelet: start ${kind} container ${c.name} (restart ${cr.restarts}) at ${new Date().toISOString()} =====\n`,
    );
    const proc = spawn('unshare', ['-m', '-u', '--propagation', 'private', 'sh', script], {
      env: { PATH: '/usr/sbin:/usr/bin:/sbin:/bin' },
      stdio: ['ignore', fd, fd],
      detached: true,
    });
    fs.closeSync(fd);
    cr.proc = proc;
    cr.pid = proc.pid;
    cr.startedAt = Date.now();
    return cr;
  }

  private waitExit(cr: ContainerRun): Promise<{ code: number | null; signal: string | null }> {
    const proc = cr.proc!;
    return new Promise((resolve) => {
      if (proc.exitCode !== null || proc.signalCode !== null) {
        resolve({ code: proc.exitCode, signal: proc.signalCode });
        return;
      }
      proc.once('exit', (code, signal) => resolve({ code, signal }));
    });
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((r) => {
      const t = setTimeout(() => {
        this.timers.delete(t);
        r();
      }, ms);
      this.timers.add(t);
    });
  }

  private async runInitThenContainers(run: PodRun): Promise<void> {
    let backoff = 10_000;
    for (;;) {
      let ok = true;
      for (const ic of run.pod.spec.initContainers ?? []) {
        if (run.stopping || this.closed) return;
        const cr = this.spawnContainer(run, ic, 'init');
        const r = await this.waitExit(cr);
        cr.exits.push({ at: Date.now(), ...r });
        if (r.code !== 0) {
          ok = false;
          this.say(`pod ${run.name}: init container ${ic.name} failed (${r.code ?? r.signal}); see ${cr.logFile}`);
          cr.restarts++;
          break;
        }
      }
      if (ok) break;
      await this.sleep(backoff);
      backoff = Math.min(backoff * 2, 300_000);
    }
    run.initDone = true;
    for (const c of run.pod.spec.containers) void this.keepRunning(run, c);
  }

  private async keepRunning(run: PodRun, c: Obj): Promise<void> {
    let backoff = 10_000;
    for (;;) {
      if (run.stopping || this.closed) return;
      let cr: ContainerRun;
      try {
        cr = this.spawnContainer(run, c, 'main');
      } catch (e) {
        this.say(`pod ${run.name}: container ${c.name} cannot start: ${(e as Error).message}`);
        throw e;
      }
      const r = await this.waitExit(cr);
      cr.exits.push({ at: Date.now(), ...r });
      if (run.stopping || this.closed) return;
      const ranFor = Date.now() - (cr.startedAt ?? 0);
      if (ranFor > 600_000) backoff = 10_000;
      this.say(
        `pod ${run.name}: container ${c.name} exited (${r.code ?? r.signal}) after ${(ranFor / 1000).toFixed(1)} s; restarting in ${backoff / 1000} s`,
      );
      await this.sleep(backoff);
      backoff = Math.min(backoff * 2, 300_000);
      cr.restarts++;
    }
  }

  /** Sends a signal to a running container's process (its pid is the container's main process). */
  signal(podName: string, container: string, sig: NodeJS.Signals): number {
    const cr = this.pods.get(podName)?.containers.get(container);
    if (!cr?.pid || cr.proc?.exitCode !== null || cr.proc?.signalCode !== null)
      throw new Error(`${podName}/${container} is not running`);
    process.kill(cr.pid, sig);
    return cr.pid;
  }

  /** Stops a pod as the kubelet does on deletion: SIGTERM, SIGKILL after the grace period. */
  async stopPod(podName: string, graceSeconds?: number): Promise<void> {
    const run = this.pods.get(podName);
    if (!run) return;
    run.stopping = true;
    const grace = (graceSeconds ?? run.pod.spec.terminationGracePeriodSeconds ?? 30) * 1000;
    const live = [...run.containers.values()].filter(
      (cr) => cr.proc && cr.proc.exitCode === null && cr.proc.signalCode === null,
    );
    for (const cr of live)
      try {
        process.kill(cr.pid!, 'SIGTERM');
      } catch {
        /* gone */
      }
    await Promise.all(
      live.map(async (cr) => {
        const t = setTimeout(() => {
          try {
            process.kill(-cr.pid!, 'SIGKILL');
          } catch {
            /* gone */
          }
        }, grace);
        await this.waitExit(cr);
        clearTimeout(t);
      }),
    );
  }

  /**
   * Deletes a pod as a kubelet and the API server do together: the containers are stopped first
   * (SIGTERM, SIGKILL after the grace period), then the pod object is removed.
   */
  async deletePod(podName: string, graceSeconds?: number): Promise<void> {
    const run = this.pods.get(podName);
    if (!run) return;
    await this.stopPod(podName, graceSeconds);
    await this.kube.request('DELETE', `${ns(run.namespace, 'pods', podName)}?gracePeriodSeconds=0`).catch((e) => {
      if (!/HTTP 404/.test((e as Error).message)) throw e;
    });
    this.pods.delete(podName);
  }

  /** Pods this kubelet runs in a namespace (optionally only those whose name starts with prefix). */
  podsIn(namespace: string, prefix = ''): PodRun[] {
    return [...this.pods.values()].filter((p) => p.namespace === namespace && p.name.startsWith(prefix));
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const t of this.timers) clearTimeout(t);
    await Promise.all([...this.pods.keys()].map((p) => this.stopPod(p, 5)));
  }
}

/** Builds podnet.so (see podnet.c) into the cache if missing. */
export function ensurePodnet(): void {
  if (fs.existsSync(PODNET_SO)) return;
  fs.mkdirSync(path.dirname(PODNET_SO), { recursive: true });
  const r = spawnSync(
    'gcc',
    ['-shared', '-fPIC', '-O2', '-o', PODNET_SO, path.join(__dirname, '..', 'kubelet', 'podnet.c'), '-ldl'],
    { stdio: 'inherit' },
  );
  if (r.status !== 0) throw new Error('building podnet.so failed');
}
