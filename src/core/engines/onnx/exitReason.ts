/**
 * Why an ONNX Runtime runner process ended, in both languages, from its exit (code, signal, how
 * the runner stopped it) and what the parser read. The runner reports its own failures as a coded
 * `error` event (runnerEvents.ts), so this is a table, not prose parsing. Pure; never throws.
 */
import type { LocalizedText, ParsedResult, RunStatus } from '../../engine';
import type { OrtErrorCode } from './runnerEvents';

export interface OrtExit {
  exitCode: number | null;
  signal: string | null;
  /** As the Runner saw it (RunOutcome.status). */
  ended: 'exited' | 'cancelled' | 'timeout';
}

export interface OrtExitReason {
  status: RunStatus;
  reason: LocalizedText;
}

const CODE_TEXT: Record<OrtErrorCode, { en: string; zh: string }> = {
  usage: { en: 'The runner was called wrongly', zh: '运行器调用方式错误' },
  'bad-option': { en: 'An option was rejected', zh: '参数被拒绝' },
  'model-missing': { en: 'The model file was not found', zh: '找不到模型文件' },
  'model-invalid': { en: 'ONNX Runtime could not load the model', zh: 'ONNX Runtime 无法加载该模型' },
  'ort-missing': { en: 'onnxruntime-node could not be loaded', zh: '无法加载 onnxruntime-node' },
  input: { en: 'The input data could not be prepared', zh: '无法准备输入数据' },
  'run-failed': { en: 'Inference failed', zh: '推理失败' },
  internal: { en: 'The runner failed unexpectedly', zh: '运行器意外失败' },
};

export function describeOrtExit(
  exit: OrtExit,
  result: ParsedResult,
  errorCode: OrtErrorCode | null,
): OrtExitReason {
  const measured = result.iterations.length;
  const firstError = result.messages.find((m) => m.level === 'error')?.text ?? null;
  if (exit.ended === 'cancelled') {
    return {
      status: 'cancelled',
      reason: {
        en: `Cancelled after ${measured} timed run${measured === 1 ? '' : 's'}.`,
        zh: `已取消，完成了 ${measured} 次计时运行。`,
      },
    };
  }
  if (exit.ended === 'timeout') {
    return {
      status: 'timeout',
      reason: {
        en: `Timed out after ${measured} timed run${measured === 1 ? '' : 's'}.`,
        zh: `超时，完成了 ${measured} 次计时运行。`,
      },
    };
  }
  if (exit.exitCode === 0 && result.complete) {
    return {
      status: 'ok',
      reason: {
        en: `Finished ${measured} timed run${measured === 1 ? '' : 's'}.`,
        zh: `完成 ${measured} 次计时运行。`,
      },
    };
  }
  if (errorCode) {
    const head = CODE_TEXT[errorCode] ?? CODE_TEXT.internal;
    const detail = firstError ? `: ${firstError}` : '.';
    return {
      status: 'failed',
      reason: { en: head.en + detail, zh: head.zh + (firstError ? `：${firstError}` : '。') },
    };
  }
  if (exit.signal) {
    const status: RunStatus = measured > 0 ? 'partial' : 'failed';
    return {
      status,
      reason: {
        en: `The runner was killed by ${exit.signal} after ${measured} timed run${measured === 1 ? '' : 's'}.`,
        zh: `运行器被 ${exit.signal} 终止，完成了 ${measured} 次计时运行。`,
      },
    };
  }
  const code = exit.exitCode ?? '?';
  if (measured > 0) {
    return {
      status: 'partial',
      reason: {
        en: `The runner stopped (exit code ${code}) after ${measured} timed run${measured === 1 ? '' : 's'}${firstError ? `: ${firstError}` : '.'}`,
        zh: `运行器在 ${measured} 次计时运行后停止（退出码 ${code}）${firstError ? `：${firstError}` : '。'}`,
      },
    };
  }
  return {
    status: 'failed',
    reason: {
      en: `The runner exited with code ${code} before any timed run${firstError ? `: ${firstError}` : '.'}`,
      zh: `运行器在任何计时运行之前退出（退出码 ${code}）${firstError ? `：${firstError}` : '。'}`,
    },
  };
}
