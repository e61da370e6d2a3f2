/**
 * What `lar-explorer run` says itself: mistakes in what was typed (model, engine flags, --timeout,
 * --env, --lar, --target) and the lines around a run (cancelling, hashing, saved). `explore` checks
 * the same options through run.ts and so says the same words.
 */
import type { Catalogue } from '../cliLanguage';

export const RUN_TEXTS = {
  unknownModelKind: {
    en: 'cannot tell which engine runs "{model}": model files end in {extensions}',
    zh: '无法判断用哪个引擎运行“{model}”：模型文件应以 {extensions} 结尾',
  },
  modelNotFile: { en: 'the model {model} is not a file', zh: '模型 {model} 不是文件' },
  modelEmpty: { en: 'the model {model} is empty (0 bytes)', zh: '模型 {model} 是空文件（0 字节）' },
  modelNotFound: {
    en: 'model not found: {model} (looked at {path})',
    zh: '找不到模型：{model}（查找的位置：{path}）',
  },
  modelUnreadable: { en: 'cannot read the model {model}: {reason}', zh: '无法读取模型 {model}：{reason}' },
  notToolFlags: { en: 'not {tool} flags: {flags}', zh: '不是 {tool} 的参数：{flags}' },
  notToolFlagsSeeHelp: {
    en: 'not {tool} flags: {flags} (see {tool} --help; spell them as after "--", e.g. --iter 20)',
    zh: '不是 {tool} 的参数：{flags}（参见 {tool} --help；按 "--" 之后的写法书写，例如 --iter 20）',
  },
  timeoutNotPositive: {
    en: '--timeout must be a positive number of seconds (got "{value}")',
    zh: '--timeout 须为正的秒数（收到的是“{value}”）',
  },
  timeoutTooSmall: {
    en: '--timeout must be at least 0.001 seconds (got "{value}")',
    zh: '--timeout 至少为 0.001 秒（收到的是“{value}”）',
  },
  envPair: {
    en: '--env takes KEY=VALUE (got "{value}")',
    zh: '--env 的格式为 KEY=VALUE（收到的是“{value}”）',
  },
  embeddedLocalOnly: {
    en: 'these models run with the embedded {engine} on this machine only: drop --target',
    zh: '这类模型只能用内置的 {engine} 在本机运行：请去掉 --target',
  },
  larForBinaryModels: {
    en: '--lar is for {tool} models; these models use the embedded {engine}',
    zh: '--lar 用于 {tool} 模型；这类模型使用内置的 {engine}',
  },
  larForInstalled: {
    en: '--lar is for installed binaries; these models use the embedded {engine}',
    zh: '--lar 用于已安装的可执行文件；这类模型使用内置的 {engine}',
  },
  sshConfigNeedsTarget: { en: '--ssh-config needs --target', zh: '--ssh-config 需要和 --target 一起使用' },
  cancelling: {
    en: 'cancelling ({signal})… (another signal does not hurry it: the target is being cleaned up)',
    zh: '正在取消（{signal}）……（再发信号也不会更快：正在清理目标设备）',
  },
  // The abort's reason: stored in the record (English in `reason`, Chinese in `reasonZh`).
  cancelledByUser: { en: 'cancelled by the user (Ctrl-C)', zh: '已被用户取消（Ctrl-C）' },
  cancelledBySignal: {
    en: 'cancelled: lar-explorer received {signal}',
    zh: '已取消：lar-explorer 收到了 {signal}',
  },
  hashing: {
    en: 'hashing the model for the record ({size} GB)…',
    zh: '正在计算模型的哈希值以写入记录（{size} GB）……',
  },
  recordNotSaved: {
    en: 'the run finished ({status}) but its record could not be saved: {cause}',
    zh: '运行已结束（{status}），但其记录无法保存：{cause}',
  },
  saved: { en: 'saved run {id} in {dir}', zh: '已保存运行 {id}，位置：{dir}' },
} satisfies Catalogue;
