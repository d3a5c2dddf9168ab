"""The ``hyosan`` command: the only place that chooses between a window and headless."""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

from . import __version__
from .content.errors import LevelError

EXIT_OK, EXIT_FAIL, EXIT_USAGE = 0, 1, 2
os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")  # one clear line per message, no banner


def _whole(lowest: int):  # type: ignore[no-untyped-def]
    """An argparse type: a whole number >= ``lowest``, refused with one line otherwise."""
    def parse(text: str) -> int:
        try:
            value = int(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
        if value < lowest:
            raise argparse.ArgumentTypeError(f"{value} is too small (at least {lowest})")
        return value
    return parse


_count = _whole(0)  # ticks: 0 runs none
_positive = _whole(1)  # jobs, seeds, frame intervals


def build_parser() -> argparse.ArgumentParser:
    """The argument parser for every subcommand."""
    parser = argparse.ArgumentParser(prog="hyosan", description="Hyosan: lead the students out of a school overrun by a horde that hunts by sound.")
    parser.add_argument("--version", action="version", version=f"hyosan {__version__}")
    sub = parser.add_subparsers(dest="command")
    play = sub.add_parser("play", help="play a level in a window (LEVEL: a .toml path or pack-id/level-id)")
    play.add_argument("level", nargs="?", help="level to start (its briefing first); without it, the title screen")
    play.add_argument("--pack", action="append", type=Path, default=[], help="also load the pack in this folder or .zip")
    play.add_argument("--seed", type=int, default=0)
    play.add_argument("--record", type=Path, default=None, metavar="FILE",
                      help="record your commands to this replay file (a Retry to FILE-2, FILE-3, ...)")
    play.add_argument("--no-briefing", action="store_true",
                      help="start LEVEL at once, without its briefing (story, objectives, keys, difficulty)")
    pt = sub.add_parser("playtest", help="run a level headless with a bot, as fast as the CPU allows")
    pt.add_argument("level", help="a .toml path or pack-id/level-id")
    pt.add_argument("--bot", default="idle", help="bot name (idle, random, greedy, solver) or path/to/file.py:ClassName (default idle: stands still)")
    pt.add_argument("--seed", type=int, default=0)
    pt.add_argument("--ticks", type=_count, default=None, help="stop after this many ticks (outcome 'timeout')")
    pt.add_argument("--pack", action="append", type=Path, default=[], help="also load the pack in this folder or .zip")
    pt.add_argument("--json", action="store_true", help="print one JSON object")
    pt.add_argument("--difficulty", choices=("story", "normal", "hard"), default="normal",
                    help="the horde's difficulty (default normal); a --record replay stores it")
    ck = sub.add_parser("check", help="validate level files, pack folders and .zip packs")
    ck.add_argument("paths", nargs="+", type=Path, metavar="PATH", help="a level .toml, a pack folder or a .zip pack")
    ck.add_argument("--json", action="store_true", help="print the results as JSON")
    ck.add_argument("--playtest", action="store_true",
                    help="then play every level checked (each level file, every level of each pack) with bots: "
                         "can it be lost, won, how often, how long")
    ck.add_argument("--seeds", type=_positive, default=None, metavar="N",
                    help="with --playtest, play seeds 0 to N-1 with each bot (default 3)")
    ck.add_argument("--jobs", type=_positive, default=None, metavar="N",
                    help="worker processes for --playtest (default: one per core; 1: in this process)")
    ck.add_argument("--bot", action="append", default=[], metavar="BOT",
                    help="with --playtest, also play each level with this bot: a name (random) or "
                         "path/to/file.py:ClassName; repeatable (idle, greedy and, where a level has one, "
                         "its solver are always played)")
    lv = sub.add_parser("levels", help="list every pack and level found (and where your packs folder is)")
    lv.add_argument("--pack", action="append", type=Path, default=[], help="also list the pack at this path")
    lv.add_argument("--json", action="store_true", help="print the list as JSON")
    pt.add_argument("--record", type=Path, default=None, metavar="FILE", help="write a replay of the run to FILE")
    _add_batch_options(pt)
    _add_replay_parser(sub)
    shots = sub.add_parser("screenshots", help="render the title and a mid-play frame of every campaign level to PNGs")
    shots.add_argument("--out", type=Path, default=Path("assets/screenshots"), metavar="DIR",
                       help="folder for the PNGs (default assets/screenshots)")
    shots.add_argument("--bot", default="solver", help="the bot that drives the squad (default solver)")
    shots.add_argument("--seconds", type=float, default=120.0, help="sim seconds played per level at most (default 120)")
    bench = sub.add_parser("bench", help="run named benchmarks (medians, with baselines in the same run)")
    bench.add_argument("names", nargs="*", metavar="NAME",
                       help="neighbours, kernels, horde, horde_stages, render, playtest_speed, playtest_full, soak "
                            "(default: neighbours, horde, render, playtest_speed)")
    bench.add_argument("--json", action="store_true", help='print {"benchmarks": [...], "platform": {...}}')
    return parser


def main(argv: list[str] | None = None) -> int:
    """Entry point: parse, dispatch, and turn every expected failure into one clear line."""
    args = build_parser().parse_args(argv)
    try:
        if args.command == "bench":
            return _bench(args)
        if args.command == "check" and not args.playtest:
            given = [flag for flag, value in (("--bot", args.bot), ("--seeds", args.seeds), ("--jobs", args.jobs)) if value]
            if given:
                print(f"hyosan check: {', '.join(given)} only mean{'s' if len(given) == 1 else ''} something with "
                      "--playtest (hyosan check --playtest PACK --seeds 5 --bot path/to/file.py:ClassName)",
                      file=sys.stderr)
                return EXIT_USAGE
        if args.command == "check" and args.playtest:
            return _check_and_playtest(args)
        if args.command in ("check", "levels"):
            from .content.check import check_report, levels_report

            code, out = check_report(args.paths, args.json) if args.command == "check" \
                else levels_report(args.pack, args.json)
            print(out)
            return code
        if args.command == "playtest":
            return _playtest(args)
        if args.command == "replay":
            return _replay(args)
        if args.command == "screenshots":
            return _screenshots(args)
        return _windowed(args)
    except LevelError as exc:
        for problem in exc.problems:
            print(problem.format(), file=sys.stderr)
        return EXIT_FAIL
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # `hyosan levels | head`: the reader left; say nothing more
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_FAIL


def _bench(args: argparse.Namespace) -> int:
    from .benchmarks.runner import format_table, run

    try:
        result = run(args.names, progress=lambda name: print(f"bench: {name}...", file=sys.stderr))
    except KeyError as exc:
        print(f"hyosan bench: {exc.args[0]}", file=sys.stderr)
        return EXIT_USAGE
    print(json.dumps(result, sort_keys=True) if args.json else format_table(result))
    return EXIT_OK


def _check_and_playtest(args: argparse.Namespace) -> int:
    """Validate, then play each level of each valid pack with idle, greedy, its solver and
    every ``--bot``."""
    from .content.check import check_paths, check_report
    from .content.discovery import resolve_level
    from .content.loader import load_pack
    from .control.bots import bot_levels, make_bot
    from .playtest.designer import DEFAULT_BOTS, format_playtest, playtest_levels

    extra = [b for b in dict.fromkeys(args.bot) if b not in (*DEFAULT_BOTS, "solver")]
    only: dict[str, tuple[str, ...]] = {}  # a bot's own levels (its ``levels``): it plays those alone
    for spec in extra:  # a bad spec is one line now, not a crashed run per seed in the report
        try:
            levels = bot_levels(make_bot(spec, 0))
        except KeyError as exc:  # (BotLoadError: a bad spec, or the designer's class failed to build)
            print(f"hyosan check: {exc.args[0]}", file=sys.stderr)
            return EXIT_USAGE
        if levels is not None:
            only[spec] = levels
    code, out = check_report(args.paths, args.json)
    if code != EXIT_OK or not args.json:
        print(out)
    if code != EXIT_OK:
        return code
    say = (lambda line: print(line, file=sys.stderr, flush=True)) if sys.stderr.isatty() else None
    checked_levels = []  # (pack or level file as given, its levels as (ref, spec))
    for result in check_paths(args.paths):
        if result.kind == "pack":
            pack = load_pack(Path(result.path))
            checked_levels.append((result.path, [(f"{pack.id}/{level.id}", level) for level in pack.levels]))
        elif result.kind == "level":  # a level file checked on its own: named by its path, as `playtest` takes it,
            # and loaded as `playtest` loads it: with its pack's prop types and breeds when it sits in a pack
            checked_levels.append((result.path, [(result.path, resolve_level(result.path)[1])]))
    have = [level.id for _, levels in checked_levels for _, level in levels]
    for spec, ids in only.items():  # a route for a level none of these has: a typo, or the wrong pack
        missing = [i for i in ids if i not in have]
        if missing:  # (it still plays the levels it names that are there: say which)
            present = [i for i in ids if i in have]
            plays = f"it plays only {', '.join(present)}" if present else "it plays none of them"
            print(f"hyosan check: bot {spec} names level{'s' if len(missing) > 1 else ''} {', '.join(missing)}, "
                  f"not in {', '.join(str(p) for p in args.paths)} (the levels there: {', '.join(have)}); {plays}",
                  file=sys.stderr)
    played = []  # (pack or level file as given, per-level results)
    for path, levels in checked_levels:
        played.append((path, playtest_levels(levels, seeds=range(args.seeds or 3), bots=(*DEFAULT_BOTS, *extra),
                                             jobs=args.jobs, say=say, only=only)))
        if not args.json:  # each pack's verdict as soon as it is known
            print(format_playtest(played[-1][1], pack_path=path))
    if args.json:
        checked = json.loads(out)
        checked["playtest"] = [{"pack": path, "levels": levels} for path, levels in played]  # (a level file: its path)
        print(json.dumps(checked, indent=2))
    crashed = any(b["errors"] for _, levels in played for lv in levels for b in lv["bots"].values())
    return EXIT_FAIL if crashed else EXIT_OK  # a crashed run is no verdict: CI must not pass on it


def _playtest(args: argparse.Namespace) -> int:
    from .content.discovery import resolve_level
    from .control.bots import make_bot
    from .playtest.runner import run_level

    ref, spec = resolve_level(args.level, args.pack)
    try:
        bot = make_bot(args.bot, args.seed)
    except KeyError as exc:
        print(f"hyosan playtest: {exc.args[0]}", file=sys.stderr)
        return EXIT_USAGE
    from .control.night_solvers import NIGHT_SOLVERS
    from .control.solvers import PRACTICE_SOLVERS, SOLVERS, solver_for

    if args.bot == "solver" and solver_for(spec) is None:  # it would stand still: an idle run by another name
        have = [f"hyosan/{k}" for k in sorted(SOLVERS)] + [f"nights/{k}" for k in sorted(NIGHT_SOLVERS)] + \
            [f"sandbox/{k}" for k in sorted(PRACTICE_SOLVERS)]
        print(f"hyosan playtest: {ref} has no solver (these levels have one: {', '.join(have)}); "
              "try --bot greedy, or your own with --bot path/to/file.py:ClassName", file=sys.stderr)
        return EXIT_USAGE
    if args.seeds is not None or args.report is not None or args.jobs is not None:
        return _playtest_batch(args, ref, spec)
    from .control.replay import ReplayError
    from .playtest.runner import BotError

    observer = None
    if args.frames is not None:
        from .playtest.frames import FrameSaver

        try:  # before the run: a folder that cannot be made is said at once, not after it
            args.frames.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            print(f"hyosan playtest: cannot save frames in {args.frames}: {exc.strerror or exc}", file=sys.stderr)
            return EXIT_USAGE
        saver: list[FrameSaver] = []
        frames_dir, every = args.frames, args.frame_every

        def start(world):  # type: ignore[no-untyped-def]
            saver.append(FrameSaver(world, frames_dir, every, view=args.frame_view))

        def observer(world, events):  # type: ignore[no-untyped-def]
            saver[0].observe(world, events)
    try:
        result = run_level(ref, spec, bot, args.bot, args.seed, args.ticks, record=args.record,
                           observer=observer, on_start=start if args.frames is not None else None,
                           difficulty=args.difficulty, warmed=True)
    except (ReplayError, BotError) as exc:
        print(f"hyosan playtest: {exc}", file=sys.stderr)
        return EXIT_FAIL
    except OSError as exc:  # the frames' folder filled up or went away mid-run (the replay has its own)
        if args.frames is None:
            raise
        print(f"hyosan playtest: cannot save frames in {args.frames}: {exc.strerror or exc}", file=sys.stderr)
        return EXIT_FAIL
    if args.json:
        print(json.dumps(result.as_dict(), sort_keys=True))
    else:
        speed = result.as_dict()["speed_x_realtime"]  # None when no tick ran
        print(f"{ref} seed {args.seed} bot {args.bot}"
              f"{'' if args.difficulty == 'normal' else ' (' + args.difficulty + ')'}: {result.outcome}"
              f"{' (' + result.cause + ')' if result.cause else ''} after {result.sim_seconds:.1f} s "
              f"({result.ticks} ticks{'' if speed is None else f', {speed}x real time'}), hash {result.final_hash}")
    return EXIT_OK


def _add_batch_options(pt: argparse.ArgumentParser) -> None:
    pt.add_argument("--seeds", default=None, metavar="A:B", help="run seeds A to B-1 and summarise (a batch)")
    pt.add_argument("--jobs", type=_positive, default=None, metavar="N",
                    help="worker processes for a batch (default: one per core; 1: in this process)")
    pt.add_argument("--report", type=Path, default=None, metavar="DIR", help="write report.json, pictures and index.html to DIR")
    pt.add_argument("--progress", action="store_true", help="show the progress bar even when stderr is not a terminal")
    pt.add_argument("--frames", type=Path, default=None, metavar="DIR", help="save rendered frames of the run to DIR")
    pt.add_argument("--frame-every", type=_positive, default=30, metavar="K", help="save a frame every K ticks (default 30)")
    pt.add_argument("--frame-view", choices=("lead", "map"), default="lead",
                    help="frames around the lead (default, the window's zoom) or of the whole map")


def _playtest_batch(args: argparse.Namespace, ref: str, spec: object) -> int:
    """``hyosan playtest LEVEL --seeds A:B --jobs N [--report DIR] [--json]``."""
    from .playtest.batch import ProgressBar, parse_seeds, run_batch
    from .playtest.designer import drop_words
    from .playtest.stats import group_words

    try:
        seeds = parse_seeds(args.seeds) if args.seeds is not None else range(args.seed, args.seed + 1)
    except ValueError as exc:
        print(f"hyosan playtest: {exc}", file=sys.stderr)
        return EXIT_USAGE
    if args.record is not None or args.frames is not None:
        print("hyosan playtest: --record and --frames take a single run (--seed N), not a batch", file=sys.stderr)
        return EXIT_USAGE
    jobs = args.jobs  # (None: one per core; argparse refuses anything below 1)
    bar = ProgressBar(len(seeds)) if args.progress or sys.stderr.isatty() else None
    batch = run_batch(ref, spec, args.bot, seeds, jobs, args.ticks,  # type: ignore[arg-type]
                      on_done=bar.update if bar else None, with_trace=args.report is not None,
                      difficulty=args.difficulty)
    if args.report is not None:
        from .playtest.report import write_report

        try:
            write_report(args.report, batch, spec)  # type: ignore[arg-type]
        except OSError as exc:
            print(f"hyosan playtest: cannot write the report to {args.report}: {exc.strerror or exc}", file=sys.stderr)
            return EXIT_FAIL
    for run in batch["runs"]:
        run.pop("trace", None)
    s = batch["summary"]
    if args.json:
        print(json.dumps({"runs": batch["runs"], "summary": s}, sort_keys=True))
    else:
        lo, hi = s["win_rate_ci95"]
        t = s["time_seconds"]
        crashed = s.get("errors", 0)
        runs = (f"{ref} bot {args.bot}, {s['runs']} run{'s' if s['runs'] != 1 else ''}"
                + (f" (and {crashed} that crashed, left out)" if crashed else "") + ": ")
        if not s["runs"]:
            print(f"{ref} bot {args.bot}: every run crashed ({crashed}), so there is nothing to summarise")
        elif batch["endless"]:  # nothing to win: how long it held out, and the score
            sc = s["score"]
            from .playtest.designer import stars_words

            print(runs + f"held out median {t['median']:.1f} s (p10 {t['p10']:.1f}, p90 {t['p90']:.1f}), score median {sc['median']:g} "
                  f"(p10 {sc['p10']:g}, p90 {sc['p90']:g}), {stars_words(s['stars'])}, outcomes {s['outcomes']}"
                  + (f"; report in {args.report}/index.html" if args.report else ""))
        else:
            print(runs + f"won {s['wins']} ({100 * s['win_rate']:.0f}%, "
                  f"95% CI {100 * lo:.0f}-{100 * hi:.0f}%), time median {t['median']:.1f} s (p10 {t['p10']:.1f}, p90 {t['p90']:.1f}), "
                  f"outcomes {s['outcomes']}" + (f"; report in {args.report}/index.html" if args.report else ""))
        stopped = [f"{f['ended_here']}x at \"{f['text']}\"" for f in s["objective_funnel"] if f["ended_here"]]
        if stopped:
            print("  runs that did not win stopped: " + "; ".join(stopped))
        if s["squad_losses"]:
            print("  students lost (runs): " + ", ".join(f"{x['student']} in {x['runs']}" for x in s["squad_losses"]))
        if s["bites_by_group"]:  # which [[zombies]] group, wave or spawner did the killing, over all runs
            print("  deaths by group: " + group_words(s["deaths_by_group"]))
            print("  bites by group: " + group_words(s["bites_by_group"]))
        for line in drop_words(s["drops"]):
            print(f"  {line}")
    errors = [r for r in batch["runs"] if r["outcome"] == "error"]
    for r in errors[:3]:
        print(f"hyosan playtest: seed {r['seed']} crashed: {r['error']}", file=sys.stderr)
    return EXIT_FAIL if errors else EXIT_OK


def _screenshots(args: argparse.Namespace) -> int:
    from .playtest.screenshots import make_screenshots

    try:
        make_screenshots(args.out, args.bot, args.seconds)
    except KeyError as exc:  # an unknown bot name
        print(f"hyosan screenshots: {exc.args[0]}", file=sys.stderr)
        return EXIT_USAGE
    except OSError as exc:
        print(f"hyosan screenshots: cannot write to {args.out}: {exc.strerror or exc}", file=sys.stderr)
        return EXIT_FAIL
    return EXIT_OK


def _add_replay_parser(sub: argparse._SubParsersAction) -> None:
    rp = sub.add_parser("replay", help="watch a replay in the window, or verify it headless")
    rp.add_argument("file", type=Path, help="a replay file written by --record or by the window (any name: .hyr, .jsonl...)")
    rp.add_argument("--headless", action="store_true", help="no window: re-simulate as fast as the CPU allows")
    rp.add_argument("--verify", action="store_true", help="compare every recorded state hash; exit 1 on the first divergence")
    rp.add_argument("--pack", action="append", type=Path, default=[], help="also load the pack in this folder or .zip")
    rp.add_argument("--level", metavar="LEVEL", help="play it on this level (a .toml or pack-id/level-id) instead of "
                    "the one it names, e.g. a level file recorded by a relative path from another folder; its bytes "
                    "must still be the recorded ones")


def _replay(args: argparse.Namespace) -> int:
    """``hyosan replay FILE``: refuse untrustworthy files in one line, then verify or watch."""
    from .content.discovery import resolve_level
    from .control.replay import ReplayError, read_replay
    from .playtest.verify import check_level, platform_note, verify_replay

    try:
        replay = read_replay(args.file)
        level_ref = args.level or replay.level_ref
        try:
            _, spec = resolve_level(level_ref, args.pack)
        except LevelError as exc:
            whose = "the level given with --level" if args.level else "its level"
            hint = ("" if args.level or not replay.level_ref.endswith(".toml") else
                    "; run it from the folder it was recorded in, or give the level file with --level PATH")
            raise ReplayError(f"{args.file}: {whose} {level_ref!r} cannot be loaded: {exc.first.message}{hint}") from None
        check_level(replay, spec)
    except ReplayError as exc:
        print(f"hyosan replay: refused: {exc}", file=sys.stderr)
        return EXIT_FAIL
    note = platform_note(replay)
    if note:
        print(f"hyosan replay: {note}", file=sys.stderr)
    if args.headless or args.verify:
        if not args.verify:
            print(f"{args.file}: {replay.level_ref} seed {replay.seed} ({replay.difficulty}), {replay.ticks} ticks, outcome {replay.outcome}")
            return EXIT_OK
        result = verify_replay(replay, spec)
        print(result.describe(), file=sys.stdout if result.ok else sys.stderr)
        return EXIT_OK if result.ok else EXIT_FAIL
    if not has_display():
        print("hyosan replay: no display found; use `hyosan replay FILE --headless --verify`", file=sys.stderr)
        return EXIT_USAGE
    from .app import run_app

    return run_app(level=level_ref, extra_packs=args.pack, seed=replay.seed, replay=replay)


def has_display() -> bool:
    """Whether a window can open: a display server, or an SDL video driver chosen explicitly."""
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY") or os.environ.get("SDL_VIDEODRIVER")) \
        or sys.platform in ("win32", "darwin")


def _windowed(args: argparse.Namespace) -> int:
    if not has_display():
        print("hyosan: no display found (DISPLAY/WAYLAND_DISPLAY unset); the game needs a window. "
              "`hyosan playtest LEVEL` runs levels headless.", file=sys.stderr)
        return EXIT_USAGE
    from .app import run_app

    level = getattr(args, "level", None)
    packs = getattr(args, "pack", [])
    if level is not None:
        from .content.discovery import resolve_level

        resolve_level(level, packs)  # fail early, with a clear message, before a window opens
    record = getattr(args, "record", None)
    if record is not None and (level is None or not (record.parent if str(record.parent) else Path(".")).is_dir()):
        why = "needs a LEVEL to record" if level is None else f"folder {record.parent} does not exist"
        print(f"hyosan play: --record {why}", file=sys.stderr)
        return EXIT_USAGE
    return run_app(level=level, extra_packs=packs, seed=getattr(args, "seed", 0), record=record,
                   briefing=not getattr(args, "no_briefing", False))
