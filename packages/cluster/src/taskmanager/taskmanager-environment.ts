/**
 * The environment a TaskManager process starts with. It runs user code, so it inherits nothing it does not
 * need: none of the server's secrets, tokens or credentials. Node needs PATH, HOME and TMPDIR (os.tmpdir,
 * os.homedir) and TZ for the wall clock's time zone; Sluice's own settings are the SLUICE_* variables.
 */
const INHERITED = ['PATH', 'HOME', 'TMPDIR', 'TZ'];

export function taskManagerEnvironment(
  parent: NodeJS.ProcessEnv,
  own: Record<string, string> = {},
): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [name, value] of Object.entries(parent))
    if (value !== undefined && (INHERITED.includes(name) || name.startsWith('SLUICE_'))) env[name] = value;
  return { ...env, ...own };
}
