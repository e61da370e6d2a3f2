/** The words of `lar-explorer targets`: the host table, a check's lines, and its mistakes. */
import type { Catalogue } from '../cliLanguage';

export const TARGETS_TEXTS = {
  noSuchSshConfig: { en: '--ssh-config {file}: no such file', zh: '--ssh-config {file}：没有这个文件' },
  noHosts: {
    en: 'no host aliases in {file}; any ssh destination works with --target (user@host, ssh://user@host:port)',
    zh: '{file} 中没有主机别名；--target 可以用任何 ssh 目标（user@host、ssh://user@host:port）',
  },
  colAlias: { en: 'alias', zh: '别名' },
  colHost: { en: 'host', zh: '主机' },
  colUser: { en: 'user', zh: '用户' },
  colPort: { en: 'port', zh: '端口' },
  noEngineToCheck: { en: 'no engine has a program to check', zh: '没有哪个引擎有可检查的程序' },
  // A check's lines: label, then the value (labels padded to one column).
  target: { en: 'target:', zh: '目标：' },
  reachable: { en: 'reachable:', zh: '可连接：' },
  arch: { en: 'arch:', zh: '架构：' },
  cores: { en: 'cores:', zh: '核心数：' },
  tool: { en: '{tool}:', zh: '{tool}：' },
  lacksFlags: { en: 'lacks flags:', zh: '缺少的参数：' },
  problem: { en: 'problem:', zh: '问题：' },
  yes: { en: 'yes', zh: '是' },
  no: { en: 'no', zh: '否' },
  none: { en: 'none', zh: '无' },
  version: { en: '{program} (version {version})', zh: '{program}（版本 {version}）' },
} satisfies Catalogue;
