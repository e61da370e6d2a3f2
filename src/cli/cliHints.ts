/** What the CLI tells its users to change when a program cannot start (core stays shell-neutral). */
export const CLI_PROGRAM_HINT =
  'Pass --lar (or set $LAR_EXPLORER_LAR) to the path of your load_and_run binary.';
