export interface BenchArgs {
  runs: number;
  quick: boolean;
  /** Scenario ids to run (all by default). */
  only: string[] | null;
  /** Markdown output; null = do not write (the default with --quick and with --only). */
  out: string | null;
  /** Also profile the flash sale (node --cpu-prof on the server) and summarise the profile. */
  profile: boolean;
  /** No new round starts when it would likely end after this many seconds (0 = no limit). */
  budgetS: number;
}

export function parseArgs(argv: string[], defaultOut: string): BenchArgs {
  const args: BenchArgs = { runs: 3, quick: false, only: null, out: defaultOut, profile: false, budgetS: 540 };
  let outGiven = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const value = () => {
      const v = arg.includes('=') ? arg.slice(arg.indexOf('=') + 1) : argv[++i];
      if (v === undefined) throw new Error(`${arg} needs a value`);
      return v;
    };
    if (arg === '--quick') args.quick = true;
    else if (arg === '--profile') args.profile = true;
    else if (arg.startsWith('--budget')) args.budgetS = Math.max(0, Number(value()));
    else if (arg.startsWith('--runs')) args.runs = Math.max(1, Math.floor(Number(value())));
    else if (arg.startsWith('--only')) args.only = value().split(',').map((s) => s.trim()).filter(Boolean);
    else if (arg.startsWith('--out')) (args.out = value() || null), (outGiven = true);
    else if (arg === '--no-out') (args.out = null), (outGiven = true);
    else if (arg === '--help' || arg === '-h') {
      console.log('npm run bench -- [--runs N] [--quick] [--only id,id] [--out file | --no-out] [--profile] [--budget seconds (540; 0 = none)]');
      process.exit(0);
    } else throw new Error(`Unknown argument ${arg}`);
  }
  if (Number.isNaN(args.runs)) throw new Error('--runs needs a number');
  if (args.quick && !outGiven) args.out = null;
  // A run of some scenarios would replace RESULTS.md's other sections and its history: only with --out.
  if (args.only && !outGiven) args.out = null;
  if (args.quick && !argv.some((a) => a.startsWith('--runs'))) args.runs = 1;
  return args;
}
