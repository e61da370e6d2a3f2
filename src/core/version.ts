/**
 * The tool's own name and version, written into every run record (`host.tool`) and printed by
 * `lar-explorer --version`. Kept as constants (not read from package.json at run time) so the
 * bundled CLI and extension need no file beside them; a unit test keeps it equal to package.json.
 */

export const TOOL_NAME = 'lar-explorer';
export const TOOL_VERSION = '0.1.0';

/** `lar-explorer 0.1.0`: the value of `RunRecord.host.tool`. */
export const TOOL_LABEL = `${TOOL_NAME} ${TOOL_VERSION}`;
