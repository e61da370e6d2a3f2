/**
 * What went wrong with an ssh command, in plain language: OpenSSH's own messages (exit 255) and
 * the remote shell's (missing program, full disk, permissions) are mapped to RunnerError codes,
 * each with a hint of what to do. The patterns are the texts OpenSSH 9 and coreutils print
 * (see the unit tests for the real messages).
 */
import { RunnerError, bilingualError, programHintIn, type ProgramHint, type RunnerErrorCode } from './runner';

export interface SshFailureContext {
  /** The destination as the user wrote it. */
  destination: string;
  /** Exit code of the local `ssh` process (255: ssh itself failed). */
  exitCode: number | null;
  /** Program being started, when the failure may be about it. */
  program?: string;
  /** What was being done, for the message ("uploading the model"). */
  action?: string;
  /** How to point at the right program, in the shell's words (a setting, a flag). */
  programHint?: ProgramHint;
  /** What was being done, in Chinese ("上传模型"). */
  actionZh?: string;
}

/** English and Chinese of one text, from the context and the match. */
type Text = (c: SshFailureContext, m: RegExpExecArray) => { en: string; zh: string };

interface Rule {
  code: RunnerErrorCode;
  test: RegExp;
  /** Only when ssh itself failed (exit 255): these texts could also come from a program's output. */
  sshOnly?: boolean;
  message: Text;
  hint: Text;
}

const DEFAULT_HINT = {
  en: 'Set the path of the program for this target to the binary on the board.',
  zh: '请把此目标的程序路径设为板子上的可执行文件。',
};
const programHint = (c: SshFailureContext) => {
  const h = c.programHint ?? DEFAULT_HINT;
  return { en: programHintIn(h, 'en'), zh: programHintIn(h, 'zh') };
};
const whileDoing = (c: SshFailureContext) => ({
  en: c.action ? ` while ${c.action}` : '',
  zh: c.action ? `（${c.actionZh ?? c.action}时）` : '',
});

// First match wins: specific before general ("Permission denied (publickey)" before "Permission denied").
const RULES: Rule[] = [
  {
    code: 'host-key-changed',
    test: /REMOTE HOST IDENTIFICATION HAS CHANGED|Host key for \S+ has changed/,
    sshOnly: true,
    message: (c) => ({
      en: `The host key of ${c.destination} has changed since you last connected.`,
      zh: `${c.destination} 的主机密钥与上次连接时不同。`,
    }),
    hint: () => ({
      en:
        'If the board was re-flashed or its address now belongs to another machine, remove the old key ' +
        '(ssh-keygen -R <host>) and connect once from a terminal to accept the new one. Otherwise, treat it as a possible attack.',
      zh:
        '如果板子重刷过系统，或该地址已属于另一台机器，请删除旧密钥（ssh-keygen -R <host>），' +
        '再在终端里连接一次以接受新密钥；否则请当作可能的攻击处理。',
    }),
  },
  {
    code: 'host-key-changed',
    test: /No \S+ host key is known for|Host key verification failed/,
    sshOnly: true,
    message: (c) => ({
      en: `The host key of ${c.destination} is not trusted yet.`,
      zh: `${c.destination} 的主机密钥尚未被信任。`,
    }),
    hint: (c) => ({
      en:
        `Connect once from a terminal (ssh ${c.destination}) and accept its host key; ` +
        'lar-explorer never answers host-key prompts.',
      zh: `请先在终端里连接一次（ssh ${c.destination}）并接受其主机密钥；lar-explorer 从不代答主机密钥提示。`,
    }),
  },
  {
    code: 'auth-failed',
    test: /Permission denied \([^)]*\)|Too many authentication failures|Authentication failed/,
    sshOnly: true,
    message: (c) => ({
      en: `${c.destination} refused the login (no accepted key).`,
      zh: `${c.destination} 拒绝了登录（没有被接受的密钥）。`,
    }),
    hint: () => ({
      en:
        'Passwords cannot be typed here (BatchMode). Install your public key on the board (ssh-copy-id), ' +
        'load it into your agent (ssh-add), or set IdentityFile for this host in ~/.ssh/config.',
      zh:
        '这里无法输入密码（BatchMode）。请把公钥装到板子上（ssh-copy-id）、加入 agent（ssh-add），' +
        '或在 ~/.ssh/config 中为该主机设置 IdentityFile。',
    }),
  },
  {
    code: 'host-unreachable',
    test: /Could not resolve hostname ([^:\s]+)/,
    sshOnly: true,
    message: (_c, m) => ({
      en: `The host name ${m[1]} could not be resolved.`,
      zh: `无法解析主机名 ${m[1]}。`,
    }),
    hint: () => ({
      en: 'Check the spelling of the host, your DNS, or add a HostName for it in ~/.ssh/config.',
      zh: '请检查主机名拼写、DNS，或在 ~/.ssh/config 中为它添加 HostName。',
    }),
  },
  {
    code: 'host-unreachable',
    test: /Connection refused|Connection timed out|Operation timed out|timed out during banner exchange|No route to host|Network is unreachable|Connection reset by|Connection closed by|kex_exchange_identification|Broken pipe|Connection to \S+ closed/,
    sshOnly: true,
    message: (c) => ({
      en: `${c.destination} cannot be reached over SSH.`,
      zh: `无法通过 SSH 连接 ${c.destination}。`,
    }),
    hint: () => ({
      en: 'Check that the board is powered on, on the network, and that sshd runs on the port you use.',
      zh: '请确认板子已通电、已联网，并且 sshd 在你使用的端口上运行。',
    }),
  },
  {
    code: 'disk-full',
    test: /No space left on device|Disk quota exceeded/,
    message: (c) => ({
      en: `The disk of ${c.destination} is full${c.action ? ` (while ${c.action})` : ''}.`,
      zh: `${c.destination} 的磁盘已满${whileDoing(c).zh}。`,
    }),
    hint: () => ({
      en:
        'Free space on the board, or point the target work directory to a larger disk ' +
        '(old blobs live in <work dir>/blobs and can be deleted).',
      zh: '请清理板子上的空间，或把目标工作目录指向更大的磁盘（旧文件在 <工作目录>/blobs 中，可以删除）。',
    }),
  },
  {
    code: 'binary-missing',
    test: /lar-explorer: no such program: (.*)/,
    message: (c, m) => ({
      en: `${m[1]!.split('/').pop()} was not found on ${c.destination} at ${m[1]}.`,
      zh: `在 ${c.destination} 上的 ${m[1]} 找不到 ${m[1]!.split('/').pop()}。`,
    }),
    hint: programHint,
  },
  {
    // A folder given as the binary: "chmod +x" would be the wrong advice.
    code: 'binary-missing',
    test: /lar-explorer: is a folder: (.*)/,
    message: (c, m) => ({
      en: `${m[1]} on ${c.destination} is a folder, not a program.`,
      zh: `${c.destination} 上的 ${m[1]} 是文件夹，不是程序。`,
    }),
    hint: (c, m) => ({
      en: `Point at the program inside ${m[1]}, not at the folder. ${programHint(c).en}`,
      zh: `请指向 ${m[1]} 里面的程序，而不是文件夹本身。${programHint(c).zh}`,
    }),
  },
  {
    code: 'binary-not-executable',
    test: /lar-explorer: not executable: (.*)/,
    message: (c, m) => ({
      en: `${m[1]} on ${c.destination} is not an executable file.`,
      zh: `${c.destination} 上的 ${m[1]} 不是可执行文件。`,
    }),
    hint: (c) => ({
      en: `Make it executable (ssh ${c.destination} chmod +x <path>) or fix the path. ${programHint(c).en}`,
      zh: `请给它加上可执行权限（ssh ${c.destination} chmod +x <路径>）或修正路径。${programHint(c).zh}`,
    }),
  },
  {
    code: 'permission-denied',
    test: /Permission denied|Read-only file system|Operation not permitted/,
    message: (c) => ({
      en: `Permission denied on ${c.destination}${whileDoing(c).en}.`,
      zh: `在 ${c.destination} 上权限不足${whileDoing(c).zh}。`,
    }),
    hint: () => ({
      en: 'Choose a target work directory the SSH user can write (default ~/.cache/lar-explorer).',
      zh: '请选择 SSH 用户可写的目标工作目录（默认 ~/.cache/lar-explorer）。',
    }),
  },
];

/**
 * A RunnerError for this failure, or null when the text does not say what went wrong and ssh did
 * not fail (a program's own non-zero exit is an outcome, not an error).
 */
export function classifySshFailure(stderr: string, ctx: SshFailureContext): RunnerError | null {
  const sshFailed = ctx.exitCode === 255;
  // The shell's own words when it cannot start the program (127: not found, 126: cannot execute).
  if (
    ctx.program &&
    (ctx.exitCode === 127 || ctx.exitCode === 126) &&
    /not found|No such file|Permission denied|cannot execute/.test(stderr)
  ) {
    const name = ctx.program.split('/').pop();
    return bilingualError(
      ctx.exitCode === 127 ? 'binary-missing' : 'binary-not-executable',
      ctx.exitCode === 127
        ? {
            en: `${name} was not found on ${ctx.destination} at ${ctx.program}.`,
            zh: `在 ${ctx.destination} 上的 ${ctx.program} 找不到 ${name}。`,
          }
        : {
            en: `${ctx.program} on ${ctx.destination} cannot be executed.`,
            zh: `${ctx.destination} 上的 ${ctx.program} 无法执行。`,
          },
      programHint(ctx),
    );
  }
  for (const rule of RULES) {
    if (rule.sshOnly && !sshFailed) continue;
    const m = rule.test.exec(stderr);
    if (m) return bilingualError(rule.code, rule.message(ctx, m), rule.hint(ctx, m));
  }
  if (sshFailed) {
    const last = lastLine(stderr);
    return bilingualError(
      'host-unreachable',
      {
        en: `ssh to ${ctx.destination} failed${last ? `: ${last}` : ''}.`,
        zh: `ssh 连接 ${ctx.destination} 失败${last ? `：${last}` : ''}。`,
      },
      {
        en: `Try "ssh ${ctx.destination}" in a terminal to see what it needs.`,
        zh: `请在终端里试试 "ssh ${ctx.destination}"，看看它需要什么。`,
      },
    );
  }
  return null;
}

/** What OpenSSH's client itself prints when a link breaks (never a remote program's words). */
const SSH_OWN_LINE =
  /^(ssh: |client_loop: |Connection to \S+ closed|Connection (reset|closed) by|packet_write_wait: |Timeout, server .* not responding|Read from remote host|Write failed: |mux_client_|Control socket |kex_exchange_identification: |Broken pipe)/;

/**
 * The error for a run whose program had started (it printed) when ssh ended without the wrapper's
 * status: the link dropped. The stderr tail is then mostly load_and_run's own log, where "No space
 * left" or "Permission denied" are the tool's words, not ssh's; only ssh's own lines are classified,
 * and the message never quotes the tool's last line as if ssh had said it.
 */
export function classifyLostRun(stderrTail: string, ctx: SshFailureContext): RunnerError {
  const own = stderrTail
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => SSH_OWN_LINE.test(l));
  const said = own.length ? ` (ssh: ${own[own.length - 1]})` : '';
  const saidZh = own.length ? `（ssh：${own[own.length - 1]}）` : '';
  return bilingualError(
    'host-unreachable',
    {
      en: `The SSH connection to ${ctx.destination} was lost during the run${said}.`,
      zh: `运行期间与 ${ctx.destination} 的 SSH 连接断开了${saidZh}。`,
    },
    { en: 'Check the network link to the board and run again.', zh: '请检查到板子的网络连接后重新运行。' },
  );
}

function lastLine(text: string): string {
  const lines = text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean);
  return lines.length ? lines[lines.length - 1] : '';
}
