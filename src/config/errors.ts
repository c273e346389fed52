/** A configuration problem the operator must fix before newsbrief can start. */
export class ConfigError extends Error {
  readonly code = 'CONFIG_INVALID';
  constructor(
    readonly file: string,
    readonly problems: { where: string; message: string }[],
    readonly fix: string,
  ) {
    super(
      `${file} is invalid:\n${problems.map((p) => `  - ${p.where}: ${p.message}`).join('\n')}\nFix: ${fix}`,
    );
    this.name = 'ConfigError';
  }
}
