/** What the CLI tells its users to change when a program cannot start (core stays shell-neutral). */
export const CLI_PROGRAM_HINT = {
  en: 'Pass --lar (or set $LAR_EXPLORER_LAR) to the path of your load_and_run binary.',
  zh: '请用 --lar（或设置 $LAR_EXPLORER_LAR）指定你的 load_and_run 可执行文件路径。',
};
