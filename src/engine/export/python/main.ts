/**
 * Python text: the script's command line (flags that override the exported settings, within the
 * page's ranges), the run — teacher, student, AutoAttack — and the results file the page's run
 * history imports (schema: ../torch-results.ts).
 */
import { type Config, FIELDS, type NumericKey } from '../../../shared/config';

/** Command-line flags that override a setting, and the setting each one sets. */
export const OVERRIDE_FLAGS = {
  epochs: 'epochs',
  'teacher-epochs': 'teacherEpochs',
  'batch-size': 'batchSize',
  seed: 'seed',
  'learning-rate': 'learningRate',
  'eval-subset': 'evalSubset',
  'eval-pgd-steps': 'evalPgdSteps',
} as const satisfies Record<string, NumericKey>;

function pyFlags(): string {
  return Object.entries(OVERRIDE_FLAGS)
    .map(([flag, key]) => {
      const field = FIELDS[key];
      const kind = 'integer' in field && field.integer ? 'int' : 'float';
      return `    ("--${flag}", "${key}", ${kind}, ${field.min}, ${field.max}, "${field.label}"),`;
    })
    .join('\n');
}

/** The temperature the teacher trains at (catalog.ts teacherTemperature), as Python. */
function pyTeacherTemperature(config: Pick<Config, 'method'>): string {
  return config.method === 'defensive-distillation'
    ? '# Papernot et al. train the teacher at T_d too.\nTEACHER_TEMPERATURE = CONFIG["distillTemperature"]'
    : '# LTD\'s teacher is trained naturally, at T = 1.\nTEACHER_TEMPERATURE = 1.0';
}

export function pyMain(config: Config, defaultDataDir: string | null, images: boolean): string {
  return String.raw`
# ----------------------------------------------------------------------------------------------
# Command line, the run, the results file
# ----------------------------------------------------------------------------------------------
${pyTeacherTemperature(config)}

# Where random numbers come from (--random): the engine's streams are cheap on 2-D data, slow on images.
RANDOM = "${images ? 'torch' : 'engine'}"

# flag, setting, type, the page's range, the page's label
OVERRIDES = [
${pyFlags()}
]


def ranged(kind, low, high, label):
    def parse(text):
        try:
            value = kind(text)
        except ValueError:
            raise argparse.ArgumentTypeError("%s must be a number, got %r" % (label, text))
        if not low <= value <= high:
            raise argparse.ArgumentTypeError("%s must be between %g and %g, got %s" % (label, low, high, text))
        return value
    return parse


def parse_args():
    parser = argparse.ArgumentParser(description="LTD Playground experiment in PyTorch: " + LABEL)
    for flag, key, kind, low, high, label in OVERRIDES:
        parser.add_argument(flag, type=ranged(kind, low, high, label), dest=key, metavar="N",
                            help="%s (exported: %s)" % (label, CONFIG[key]))
    parser.add_argument("--data-dir", default=${defaultDataDir === null ? 'None' : JSON.stringify(defaultDataDir)},
                        help="folder of the data files (image data sets only)")
    parser.add_argument("--out", default=os.path.splitext(os.path.basename(__file__))[0] + "-results.json",
                        help="results file (JSON, importable as a run by the page)")
    parser.add_argument("--device", choices=["auto", "cpu", "cuda"], default="auto", help="default: cuda if available")
    parser.add_argument("--random", choices=["engine", "torch"], default=RANDOM,
                        help="engine: the page's random streams (initial weights, batch order, random starts) drawn "
                             "exactly, one number at a time in Python; torch: PyTorch's generators (default: %(default)s)")
    parser.add_argument("--no-autoattack", action="store_true", help="skip AutoAttack at the end")
    return parser.parse_args()


def results(ctx, teacher_points, student_points, objective, autoattack, seconds):
    """The results file: the page's metrics JSON shape ({exported, runs}) plus what PyTorch ran."""
    steps = CONFIG["trainPgdSteps"]
    run = {
        "id": 1, "label": LABEL, "config": CONFIG, "teacher": teacher_points, "student": student_points,
        "robustAttack": {"attack": "PGD", "epsilon": CONFIG["epsilon"], "steps": CONFIG["evalPgdSteps"], "restarts": 1,
                "subset": min(CONFIG["evalSubset"], CONFIG["testSize"])},
        "teacherCached": False, "liveChanges": [], "outcome": "completed",
    }
    train_attack = None
    if objective.adversarial:
        train_attack = {"attack": "PGD", "epsilon": CONFIG["epsilon"], "steps": steps,
                        "stepSize": CONFIG["trainPgdStepSize"] or default_step_size(CONFIG["epsilon"], steps),
                        "start": objective.start}
    return {
        "exported": datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds").replace("+00:00", "Z"),
        "runs": [run],
        "pytorch": {
            "script": os.path.basename(__file__), "torch": torch.__version__, "python": platform.python_version(),
            "device": str(ctx.device), "worldSize": ctx.world_size, "backend": ctx.backend, "random": RANDOM,
            "wallSeconds": seconds,
            "trainAttack": train_attack, "autoAttack": autoattack,
        },
    }


def new_model(phase, input_shape, classes, device):
    """A fresh model with the engine's initial weights (--random engine) or PyTorch-seeded ones."""
    torch.manual_seed(stream_seed(phase + "-init"))
    model = build_model(input_shape, classes)
    if RANDOM == "engine":
        engine_initialise(model, phase + "-init")
    return model.to(device)


def main():
    global RANDOM
    started = time.time()
    args = parse_args()
    RANDOM = args.random
    for _, key, _, _, _, _ in OVERRIDES:
        if getattr(args, key) is not None:
            CONFIG[key] = getattr(args, key)
    if args.data_dir is None and CONFIG["dataset"] in ("mnist", "fashion-mnist", "cifar10"):
        raise SystemExit("--data-dir: %s needs the folder that holds its files" % CONFIG["dataset"])
    ctx = Context(args.device)
    try:
        if CONFIG["batchSize"] % ctx.world_size:
            raise SystemExit("--nproc_per_node=%d does not divide the batch size %d: every process takes an equal share of "
                             "each batch (pick --batch-size)" % (ctx.world_size, CONFIG["batchSize"]))
        data = load_data(args.data_dir)
        data = data._replace(train_x=data.train_x.to(ctx.device), train_y=data.train_y.to(ctx.device),
                             test_x=data.test_x.to(ctx.device), test_y=data.test_y.to(ctx.device))
        input_shape = tuple(data.train_x.shape[1:])
        ctx.log("%s: %d training and %d test examples (%s); %d process(es) on %s" % (
            LABEL, data.train_y.shape[0], data.test_y.shape[0], data.source, ctx.world_size, ctx.device))
        objective = StudentObjective()
        teacher, teacher_points = None, []
        if objective.needs_teacher:
            teacher = new_model("teacher", input_shape, data.classes, ctx.device)
            teacher_points = train_phase(ctx, "teacher", teacher, NaturalObjective(TEACHER_TEMPERATURE), CONFIG["teacherEpochs"], data)
            teacher.eval()
        student = new_model("student", input_shape, data.classes, ctx.device)
        student_points = train_phase(ctx, "student", student, objective, CONFIG["epochs"], data, teacher)
        if ctx.rank == 0:
            student.eval()
            subset = min(CONFIG["evalSubset"], data.test_y.shape[0])
            autoattack = ({"status": "skipped", "reason": "--no-autoattack"} if args.no_autoattack
                          else autoattack_accuracy(student, data.test_x[:subset], data.test_y[:subset], data.classes))
            if autoattack["status"] == "done":
                ctx.log("AutoAttack (%s) on the first %d test points: %.1f%%" % (autoattack["version"], subset, autoattack["robustAccuracy"]))
            else:
                ctx.log("AutoAttack %s: %s" % (autoattack["status"], autoattack["reason"]))
            with open(args.out, "w") as f:
                json.dump(results(ctx, teacher_points, student_points, objective, autoattack, time.time() - started), f, indent=2)
            ctx.log("results: " + args.out)
        # The other processes are done: no collective follows, so they need not wait for AutoAttack.
    finally:
        ctx.close()


if __name__ == "__main__":
    try:
        main()
    except DataError as error:
        raise SystemExit(str(error))
`;
}
