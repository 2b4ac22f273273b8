import { closeSync, existsSync, openSync, readdirSync, readFileSync, readSync } from 'node:fs';
import { join } from 'node:path';
import { parseUnsigned, SysFile } from '../samplers/_sysfile.js';

/**
 * The processes of one command and all its descendants, followed through /proc (or a fake one:
 * EMPREINTE_PROC_ROOT). Each update lists the pid folders, reads /proc/<pid>/stat once for a pid
 * never seen (to learn its parent) and re-reads the members' stat files with the allocation-free
 * helper. A member stays followed after its parent dies (it is known by pid, not by ancestry).
 *
 * CPU time: a member's own time plus what it collected from children it reaped (cutime, cstime),
 * so that children born and gone between two updates still count; what the tracker itself reaps
 * (the command) comes in through its own cutime/cstime. Values are clock ticks (USER_HZ), the unit
 * of /proc/stat.
 */
export interface StatFields {
  ppid: number;
  /** utime + stime, ticks. */
  own: number;
  /** cutime + cstime (reaped children), ticks. */
  children: number;
  /** Resident set, pages. */
  rssPages: number;
  /** Z (zombie) or X (dead): exited, waiting to be reaped. */
  exited: boolean;
}

/** Parses /proc/<pid>/stat into `out` without allocating; false when the text is not a stat line. */
export function parsePidStat(buffer: Uint8Array, length: number, out: StatFields): boolean {
  // The command name may hold spaces and parentheses: the fields start after the last ')'.
  let i = length - 1;
  while (i >= 0 && buffer[i] !== 41) i--;
  if (i < 0) return false;
  let offset = i + 1;
  while (offset < length && buffer[offset] === 32) offset++;
  const state = buffer[offset];
  out.exited = state === 90 || state === 88; // 'Z', 'X'
  offset++;
  // Numbers after the state: k = field number − 3 (ppid is field 4, rss field 24).
  let own = 0;
  let children = 0;
  for (let k = 1; k <= 21; k++) {
    const parsed = parseUnsigned(buffer, offset, length);
    if (Number.isNaN(parsed.value)) return false;
    offset = parsed.end;
    const v = parsed.value;
    if (k === 1) out.ppid = v;
    else if (k === 11 || k === 12) own += v;
    else if (k === 13 || k === 14) children += v;
    else if (k === 21) out.rssPages = v;
  }
  out.own = own;
  out.children = children;
  return true;
}

interface Member {
  pid: number;
  file: SysFile;
  ppid: number;
  own: number;
  children: number;
  rssPages: number;
  exited: boolean;
  seen: number;
}

export interface LeftoverProcess {
  pid: number;
  command: string;
  /** CPU time charged to it during the run, s. */
  cpuS: number;
}

const STAT_BYTES = 1024;
const PID_NAME = /^\d+$/;

/** The pids in a /proc now. */
export function listPids(root: string): Set<number> {
  const pids = new Set<number>();
  for (const name of readdirSync(root)) if (PID_NAME.test(name)) pids.add(Number(name));
  return pids;
}

export class ProcessTree {
  private readonly members = new Map<number, Member>();
  /** Pids seen outside the tree, with the update they were last seen at. */
  private readonly foreign = new Map<number, number>();
  private readonly fields: StatFields = { ppid: 0, own: 0, children: 0, rssPages: 0, exited: false };
  private readonly probe: Buffer = Buffer.allocUnsafe(STAT_BYTES);
  private readonly pending: number[] = [];
  private readonly pendingPpid: number[] = [];
  private readonly self: SysFile | undefined;
  private selfChildrenAtStart = 0;
  private generation = 0;
  /** CPU ticks of members gone without a followed parent to collect them (reaped elsewhere). */
  private goneTicks = 0;
  private peak = 0;
  /** Resident memory of the live members, bytes. */
  rssBytes = 0;

  constructor(
    readonly root: string,
    readonly rootPid: number,
    /** The tracker's own pid: it reaps the command; with a subreaper, orphans too. */
    readonly selfPid: number,
    readonly pageBytes: number,
    /** Orphans are re-parented to the tracker (PR_SET_CHILD_SUBREAPER): its new children are members. */
    readonly subreaper = false,
    /** The pids that ran before the command started (`listPids`): none of them is the command's. */
    private readonly before?: ReadonlySet<number>,
  ) {
    try {
      this.self = new SysFile(join(root, String(selfPid), 'stat'), STAT_BYTES);
      this.self.read();
      if (parsePidStat(this.self.buffer, this.self.length, this.fields))
        this.selfChildrenAtStart = this.fields.children;
    } catch {
      this.self = undefined;
    }
    this.update();
  }

  has(pid: number): boolean {
    return this.members.has(pid);
  }

  /** Members alive now, the command included. */
  get size(): number {
    return this.members.size;
  }

  /** CPU ticks charged so far (never decreases). */
  get cpuTicks(): number {
    return this.peak;
  }

  /** Lists the processes, finds new members, re-reads them; returns the CPU ticks charged so far. */
  update(): number {
    const gen = ++this.generation;
    const names = readdirSync(this.root);
    this.pending.length = 0;
    this.pendingPpid.length = 0;
    for (let n = 0; n < names.length; n++) {
      const name = names[n];
      const c = name.charCodeAt(0);
      if (c < 48 || c > 57 || !PID_NAME.test(name)) continue;
      const pid = Number(name);
      const member = this.members.get(pid);
      if (member) {
        member.seen = gen;
        continue;
      }
      if (this.foreign.has(pid)) {
        this.foreign.set(pid, gen);
        continue;
      }
      const ppid = this.readPpid(pid);
      if (ppid < 0) continue; // gone already
      this.pending.push(pid);
      this.pendingPpid.push(ppid);
    }
    // A child and its own child may both be new: settle membership until nothing changes.
    for (let changed = true; changed; ) {
      changed = false;
      for (let i = 0; i < this.pending.length; i++) {
        const pid = this.pending[i];
        if (pid < 0) continue;
        const ppid = this.pendingPpid[i];
        // The tracker's children that ran before the command (its helpers) are not its orphans.
        const orphan =
          this.subreaper && ppid === this.selfPid && (this.before ? !this.before.has(pid) : gen > 1);
        const joins = pid === this.rootPid || this.members.has(ppid) || orphan;
        if (!joins) continue;
        this.join(pid, gen);
        this.pending[i] = -1;
        changed = true;
      }
    }
    for (let i = 0; i < this.pending.length; i++) {
      const pid = this.pending[i];
      if (pid < 0) continue;
      // A parent gone already may have been the command's (a double fork): decide next time,
      // when the orphan shows its new parent.
      const ppid = this.pendingPpid[i];
      if (ppid > 1 && !this.foreign.has(ppid) && !existsSync(join(this.root, String(ppid)))) continue;
      this.foreign.set(pid, gen);
    }
    for (const [pid, seen] of this.foreign) if (seen !== gen) this.foreign.delete(pid);

    let total = 0;
    let rss = 0;
    for (const member of this.members.values()) {
      if (member.seen === gen && this.refresh(member)) continue;
      // Gone: its time is collected by its parent when that is a member or the tracker.
      if (!this.members.has(member.ppid) && member.ppid !== this.selfPid)
        this.goneTicks += member.own + member.children;
      member.file.close();
      this.members.delete(member.pid);
    }
    for (const member of this.members.values()) {
      total += member.own + member.children;
      if (!member.exited) rss += member.rssPages;
    }
    if (this.self) {
      try {
        this.self.read();
        if (parsePidStat(this.self.buffer, this.self.length, this.fields))
          total += this.fields.children - this.selfChildrenAtStart;
      } catch {
        // The tracker's own stat is always there; a fake /proc may lack it.
      }
    }
    total += this.goneTicks;
    this.rssBytes = rss * this.pageBytes;
    // A child reaped between reading its parent and listing it dips the sum once: keep the peak.
    if (total > this.peak) this.peak = total;
    return this.peak;
  }

  /** The members still alive (not the command itself), with the CPU time charged to each. */
  leftovers(ticksPerS: number): LeftoverProcess[] {
    this.update();
    const out: LeftoverProcess[] = [];
    for (const m of this.members.values()) {
      if (m.pid === this.rootPid || m.exited) continue;
      let command = '?';
      try {
        command = readFileSync(join(this.root, String(m.pid), 'comm'), 'utf8').trim();
      } catch {
        // Gone meanwhile.
      }
      out.push({ pid: m.pid, command, cpuS: (m.own + m.children) / ticksPerS });
    }
    return out;
  }

  close(): void {
    for (const m of this.members.values()) m.file.close();
    this.members.clear();
    this.self?.close();
  }

  private join(pid: number, gen: number): void {
    let file: SysFile;
    try {
      file = new SysFile(join(this.root, String(pid), 'stat'), STAT_BYTES);
    } catch {
      return;
    }
    const member: Member = { pid, file, ppid: 0, own: 0, children: 0, rssPages: 0, exited: false, seen: gen };
    if (this.refresh(member)) this.members.set(pid, member);
    else file.close();
  }

  private refresh(member: Member): boolean {
    try {
      member.file.read();
    } catch {
      return false;
    }
    if (!parsePidStat(member.file.buffer, member.file.length, this.fields)) return false;
    member.ppid = this.fields.ppid;
    member.own = this.fields.own;
    member.children = this.fields.children;
    member.rssPages = this.fields.rssPages;
    member.exited = this.fields.exited;
    return true;
  }

  /** The parent of a pid not followed yet, or −1 when it is gone. */
  private readPpid(pid: number): number {
    let fd = -1;
    try {
      fd = openSync(join(this.root, String(pid), 'stat'), 'r');
      const length = readSync(fd, this.probe, 0, this.probe.length, 0);
      return parsePidStat(this.probe, length, this.fields) ? this.fields.ppid : -1;
    } catch {
      return -1;
    } finally {
      if (fd >= 0) closeSync(fd);
    }
  }
}
