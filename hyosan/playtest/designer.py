"""Designer playtests of a whole pack: can each level be lost, can it be won, how often, how long.

``playtest_pack`` runs every level with a few bots over a few seeds (in one pool of ``jobs``
processes) and ``format_playtest`` turns the answer into lines for ``hyosan check --playtest
PACK``.
"""

from __future__ import annotations

import shlex
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

from ..content.schema import LevelSpec, PackSpec
from .batch import batch_of, default_jobs, run_many
from .stats import group_words, spread

DEFAULT_BOTS = ("idle", "greedy")
PAR_HINT_SHARE = 4  # a par over 4x the fastest bot's wins with nobody lost is said to be long
EARLY_LOSS_SECONDS = 20.0  # s: a level every bot loses sooner than this is lost before it is played


def _runnable(bot: str) -> str:
    """``bot`` as a worker process can load it: a bot file's path made absolute, so it does
    not depend on the worker's working folder (names pass as they are)."""
    if ".py:" not in bot:
        return bot
    path, _, class_name = bot.rpartition(":")
    return f"{Path(path).resolve()}:{class_name}"


def playtest_pack(pack: PackSpec, seeds: Iterable[int] = range(3), bots: Sequence[str] = DEFAULT_BOTS,
                  max_ticks: int | None = None, jobs: int | None = None,
                  say: Callable[[str], None] | None = None) -> list[dict[str, Any]]:
    """For every level of ``pack``: each bot's runs over ``seeds`` (plus the level's own scripted
    solver when the campaign has one), and whether it can be lost/won. A bot is a name or a
    designer's ``path/to/file.py:ClassName`` (listed under what was given). Every run goes
    through one pool of ``jobs`` worker processes (None: one per core); ``say`` hears a line
    when they start and as each level's bot finishes its seeds (a pack can take minutes, and a
    silent terminal looks hung)."""
    return playtest_levels([(f"{pack.id}/{level.id}", level) for level in pack.levels], seeds, bots, max_ticks,
                           jobs, say)


def playtest_levels(levels: Sequence[tuple[str, LevelSpec]], seeds: Iterable[int] = range(3),
                    bots: Sequence[str] = DEFAULT_BOTS, max_ticks: int | None = None, jobs: int | None = None,
                    say: Callable[[str], None] | None = None,
                    only: Mapping[str, Collection[str]] | None = None) -> list[dict[str, Any]]:
    """``playtest_pack`` for levels named by their references (``pack-id/level-id``, or the
    path of a level file checked on its own). ``only`` maps a bot to the level ids it plays
    (its ``levels``, a route written for them); a bot not in it plays every level."""
    only = only or {}
    from ..control.solvers import solver_for

    seeds = list(seeds)
    jobs = default_jobs() if jobs is None else jobs
    # Every (level, bot) group's seeds, all in one list: the pool takes them as cores free up.
    groups = [(ref, level, bot) for ref, level in levels
              for bot in ((*bots, "solver") if solver_for(level) is not None and "solver" not in bots else bots)
              if bot not in only or level.id in only[bot]]
    runs = [(ref, level, _runnable(bot), seed) for ref, level, bot in groups for seed in seeds]
    results: list[dict[str, Any] | None] = [None] * len(runs)
    if say is not None:
        say(f"playing {len(groups)} level and bot pair{'s' if len(groups) != 1 else ''} x {len(seeds)} "
            f"seed{'s' if len(seeds) != 1 else ''} = {len(runs)} run{'s' if len(runs) != 1 else ''}"
            f"{'' if jobs <= 1 or len(runs) <= 1 else f' in {min(jobs, len(runs))} processes'}...")

    def done(i: int, run: dict[str, Any]) -> None:
        results[i] = run
        g = i // len(seeds)
        mine = results[g * len(seeds):(g + 1) * len(seeds)]
        if say is not None and all(r is not None for r in mine):
            ref, _level, bot = groups[g]
            wins = sum(r["outcome"] == "win" for r in mine)  # type: ignore[index]
            say(f"  {ref} with {bot}: won {wins} of {len(seeds)}")

    run_many(runs, jobs, max_ticks, done, with_trace=False)
    out: list[dict[str, Any]] = []
    for ref, level in levels:
        per_bot: dict[str, Any] = {}
        for g, (g_ref, _level, bot) in enumerate(groups):
            if g_ref != ref:
                continue
            batch = batch_of(ref, level, bot, results[g * len(seeds):(g + 1) * len(seeds)])  # type: ignore[arg-type]
            s = batch["summary"]
            per_bot[bot] = {
                "runs": s["runs"], "wins": s["wins"], "win_rate": s["win_rate"],
                "win_rate_ci95": s["win_rate_ci95"], "outcomes": s["outcomes"],
                "win_time_seconds": s["win_time_seconds"], "time_seconds": s["time_seconds"],
                # wins with nobody lost, the only ones a par can give three stars (a lone lead out
                # of the Trolley at 36 s said a 150 s par "may come too easily")
                "whole_win_time_seconds": spread([r["sim_seconds"] for r in batch["runs"]
                                                  if r["outcome"] == "win" and not r.get("students_lost")]),
                # how soon a lost run is lost: a level lost in seconds is another fix than one lost at the end
                "loss_time_seconds": spread([r["sim_seconds"] for r in batch["runs"] if r["outcome"] == "loss"]),
                "errors": [r.get("error", "") for r in batch["runs"] if r["outcome"] == "error"],
                "stopped_at": [{"objective": f["text"], "runs": f["ended_here"]}
                               for f in s["objective_funnel"] if f["ended_here"]],
                "squad_losses": [{"student": row["student"], "runs": row["runs"]} for row in s["squad_losses"]],
                "deaths_by_group": s.get("deaths_by_group", {}),  # students lost, by the zombies' group
                "score": s["score"], "stars": s["stars"],
                "doors_gave_way": _count_runs(r.get("doors_gave_way", []) for r in batch["runs"]),
                "braced_at_break": {d: max(r["door_braced_at_break"][d] for r in batch["runs"]
                                           if d in r.get("door_braced_at_break", {}))
                                    for d in {d for r in batch["runs"] for d in r.get("door_braced_at_break", {})}},
                "first_loud_noises": [r.get("first_loud_noises", []) for r in batch["runs"]],
                # station -> runs whose bot pressed E at it before its turn (a route's early press)
                "stations_not_yet": _count_runs(r.get("stations_not_yet", {}) for r in batch["runs"]),
                "peak_chasing": max((r.get("peak_chasing", 0) for r in batch["runs"]), default=0),
                "peak_investigating": max((r.get("peak_investigating", 0) for r in batch["runs"]), default=0),
                # the most zombies a run's waves and spawners sent (beyond the placed groups), and the
                # most the squad put down: an endless night never lost tells which it was, none sent,
                # none that got to the squad, or a squad that beat what came
                "most_sent": max((max(0, r.get("zombies_spawned", 0) - r.get("zombies_placed", 0))
                                  for r in batch["runs"]), default=0),
                "most_placed": max((r.get("zombies_placed", 0) for r in batch["runs"]), default=0),
                "most_put_down": max((sum(n for cause, n in r.get("zombie_deaths", {}).items() if cause != "fall")
                                      for r in batch["runs"]), default=0),
                "drops": s["drops"],
                # how the lost runs were lost ("time", "everyone-down", "student-lost:ID": runs) and in
                # how many runs a student went down: an idle squad lost only to the clock is untouched
                "loss_causes": _count_runs([r.get("cause", "")] for r in batch["runs"] if r["outcome"] == "loss"),
                "squad_hurt_runs": sum(1 for r in batch["runs"] if r.get("students_lost")),
            }
        out.append({
            "level": ref, "title": level.title, "par_seconds": level.par_seconds, "endless": level.endless is not None,
            "time_limit_seconds": level.time_limit_seconds,
            "optional_objectives": [o.id for o in level.objectives if o.optional],  # greedy skips these
            "can_win": any(b["wins"] > 0 for b in per_bot.values()),
            "can_lose": any(b["outcomes"].get("loss", 0) > 0 for b in per_bot.values()),
            "bots": per_bot,
        })
    return out


def stars_words(counts: dict[str, int]) -> str:
    """Runs by stars earned, in words: "no stars in 3, 1 star in 2"."""
    return ", ".join(f"{'no' if k == '0' else k} star{'' if k == '1' else 's'} in {v}" for k, v in counts.items())


def drop_words(drops: dict[str, Any]) -> list[str]:
    """What the drops took (``stats.drop_losses``), in lines a designer reads: "zombies lost
    over drops: median 71 a run (of 73 placed, 11 more spawned; p10 71, p90 74); 80% of them
    went over between 14.1 and 18.2 s" (medians over the runs) and "students lost over drops
    (runs): dae-su in 1"; none when nobody fell."""
    lines = []
    z = drops.get("zombies", {})
    if drops.get("zombie_runs"):
        placed, spawned = drops["placed"]["median"], drops["spawned"]["median"]
        came = [f"{placed:g} placed"] if placed else []
        if spawned:
            came.append(f"{spawned:g} {'more ' if placed else ''}spawned")
        about = [f"of {', '.join(came)}"] if came else []
        if z["p10"] != z["p90"]:
            about.append(f"p10 {z['p10']:.0f}, p90 {z['p90']:.0f}")  # (whole zombies)
        runs = (f" in the {drops['zombie_runs']} of {drops['runs']} runs where any fell"
                if drops["zombie_runs"] < drops["runs"] else "")
        # (a run's middle 80%: a stray that wandered over at the start would stretch first-to-last;
        # none when the runs kept no fall times, as an older build's did not)
        early, late = (drops.get(k, {}).get("median") for k in ("p10_seconds", "p90_seconds"))
        when = f"; 80% of them went over between {early:.1f} and {late:.1f} s" if early is not None else ""
        paren = f" ({'; '.join(about)})" if about else ""
        lines.append(f"zombies lost over drops: median {z['median']:g} a run{paren}{runs}{when}")
    if drops.get("students"):
        lines.append("students lost over drops (runs): "
                     + ", ".join(f"{x['student']} in {x['runs']}" for x in drops["students"]))
    return lines


def _endless_lines(lv: dict[str, Any]) -> list[str]:
    """An endless level's verdict: nothing to win, so whether the night can end, and how long
    and how well each bot held out."""
    from .runner import ENDLESS_PLAYTEST_SECONDS

    head = "endless, can be lost" if lv["can_lose"] else (
        f"endless, NEVER LOST: every run still stood at {ENDLESS_PLAYTEST_SECONDS / 60:g} min; "
        + _endless_never_lost_why(lv["bots"].values()))
    lines = [f"{lv['level']} ({lv['title']}): {head}"]
    for bot, b in lv["bots"].items():
        t, sc = b["time_seconds"], b["score"]
        stars = stars_words(b["stars"])
        outcomes = ", ".join(f"{k} {v}" for k, v in b["outcomes"].items())
        lines.append(f"  {bot}: held out {t['median']:.1f} s (p10 {t['p10']:.1f}, p90 {t['p90']:.1f}), score "
                     f"{sc['median']:g} (p10 {sc['p10']:g}, p90 {sc['p90']:g}); {stars}; {outcomes}")
        lines += [f"    {line}" for line in drop_words(b.get("drops", {}))]
        for err in b["errors"][:1]:
            lines.append(f"  {bot}: a run crashed: {err}")
    return lines


def _endless_never_lost_why(bots: Iterable[dict[str, Any]]) -> str:
    """What the horde did on an endless night no bot was overrun in, as the campaign verdict
    says it (``_never_lost_why``): "more or faster spawners" was the advice even when the
    spawners never started or every one of them was sealed away from the squad."""
    bots = list(bots)
    sent = max((b.get("most_sent", 0) for b in bots), default=0)
    placed = max((b.get("most_placed", 0) for b in bots), default=0)
    chasing = max((b.get("peak_chasing", 0) for b in bots), default=0)
    put_down = max((b.get("most_put_down", 0) for b in bots), default=0)
    hurt = any(b.get("squad_hurt_runs", 0) or b.get("squad_losses") for b in bots)
    if not sent:
        also = f" (only the {_zombies(placed)} placed at the start came)" if placed else ""
        return (f"no spawner sent a single zombie in any run{also}: do they all start later than that, or stop at "
                "once? Start one sooner (its `start_seconds`)")
    if not chasing and not hurt and not put_down:
        return (f"the spawners sent up to {_zombies(sent)} a run, but none ever reached the squad (none chased it, "
                "none was put down): they cannot walk to it (a spawner's zone sealed off by walls or windows) or "
                "never look for it; give a spawner a zone with a way to the squad and `hunts = true`")
    if not hurt and not put_down:
        return (f"up to {_zombies(chasing)} came for the squad at once, but none got to it: it stands sealed in "
                "(locked doors, walls all round) and the doors held; leave the horde a way in (a door it can force: "
                "a lower `lock_strength`, or brutes, which push like two)")
    return "the night never gets hard enough (more or faster spawners, a steeper [endless] ramp)"


def _braced_note(bot: dict[str, Any], door: str) -> str:
    """How braced a door was as it gave way, at most over the runs: " (no prop braced it)" or
    " (braced x1.5 as it gave)": whether to give it a stronger lock or to get props to it."""
    most = bot.get("braced_at_break", {}).get(door)
    if most is None:
        return ""
    return " (no prop braced it)" if most == 0 else f" (braced x{most:.1f} as it gave)"


def _always_gave(bot: dict[str, Any]) -> list[str]:
    """The locked doors that gave way in every one of a bot's runs."""
    return [door for door, n in bot.get("doors_gave_way", {}).items() if n == bot["runs"]]


def _count_runs(per_run: Iterable[Iterable[str]]) -> dict[str, int]:
    """In how many runs each name comes up (each run's list counted once per name), by name."""
    counts: dict[str, int] = {}
    for names in per_run:
        for name in set(names):
            counts[name] = counts.get(name, 0) + 1
    return dict(sorted(counts.items()))


def _commonest_first_noise(bots: Iterable[dict[str, Any]]) -> str:
    """The first loud noise most runs began with, in words ("a phone (throw-1) at 0.2 s, in 3 of
    4 runs"), or "" when no run made one."""
    firsts = [run[0] for b in bots for run in b.get("first_loud_noises", []) if run]
    if not firsts:
        return ""
    counts = _count_runs([[f"{kind}|{source}"] for _, kind, source, _ in firsts])
    best = max(counts, key=counts.__getitem__)
    kind, _, source = best.partition("|")
    at = min(t for t, k, s, _ in firsts if k == kind and s == source)
    runs = sum(len(b.get("first_loud_noises", [])) for b in bots)
    return f"a {kind}{f' ({source})' if source else ''} at {at:g} s, in {counts[best]} of {runs} runs"


def _zombies(n: int) -> str:
    """'1 zombie', '9 zombies'."""
    return f"{n} zombie{'' if n == 1 else 's'}"


def _never_lost_why(idle: dict[str, Any]) -> str:
    """Why a squad that stood still was never lost, from what the horde did in its runs."""
    t = idle["time_seconds"].get("median")
    waited = f"in {t:.0f} s" if t is not None else "all run"
    lose_by_time = "or give the level a time limit with `time` in `lose`"
    if idle.get("peak_chasing", 0) > 0:
        return (f"  up to {_zombies(idle['peak_chasing'])} came for the idle squad at once and none got to it {waited}: "
                "it stands sealed in (locked doors, walls all round); leave the horde a way in (a door it can "
                f"force: a lower `lock_strength`), {lose_by_time}")
    if idle.get("peak_investigating", 0) > 0:
        return (f"  up to {_zombies(idle['peak_investigating'])} went to a noise, but none ever saw the idle squad {waited}: "
                "start a group where it will see the squad, add a wave or a spawner with `hunts = true`, "
                f"{lose_by_time}")
    return (f"  no zombie ever stirred while the squad stood still {waited}: start a group awake and nearer "
            "(`state = \"wander\"`), add a wave or a spawner with `hunts = true`, " + lose_by_time)


def _lost_to_time_how(idle: dict[str, Any], time_limit: float | None) -> str:
    """How an idle squad loses when the clock is what beats it (the counterpart of
    ``_never_lost_why``): "" unless some idle runs were lost to the time limit. A level lost
    only that way, the squad untouched, is one where a player who hides and waits is safe until
    the end: worth a word, as the designer may have meant the horde to find them."""
    causes = idle.get("loss_causes", {})
    timed, lost = causes.get("time", 0), sum(causes.values())
    if not timed:
        return ""
    if time_limit is None:
        time_limit = idle.get("loss_time_seconds", {}).get("median")
    limit = f" ({time_limit:g} s)" if time_limit is not None else ""
    if timed < lost:
        return (f"  idle lost {timed} of {lost} runs only to the time limit{limit}; "
                "the others when students went down")
    hurt = idle.get("squad_hurt_runs", 0)
    if hurt:
        return (f"  idle lost only to the time limit{limit}, though students went down in {hurt} of {idle['runs']} "
                "runs: the horde got at a squad that stayed put but never took it all")
    if idle.get("peak_chasing", 0) > 0:
        horde = f"up to {_zombies(idle['peak_chasing'])} came for it at once and none got in"
        fix = "leave the horde a way in (a door it can force: a lower `lock_strength`)"
    elif idle.get("peak_investigating", 0) > 0:
        horde = f"up to {_zombies(idle['peak_investigating'])} went to a noise, but none ever saw it"
        fix = "start a group where it will see the squad, or add a wave or a spawner with `hunts = true`"
    else:
        horde = "no zombie ever stirred"
        fix = "start a group awake and nearer (`state = \"wander\"`), or add a wave or a spawner with `hunts = true`"
    return (f"  idle lost only to the time limit{limit}: the horde never reached a squad that stayed put ({horde}); "
            f"a player who hides is safe until the clock runs out: if waiting should be dangerous, {fix}")


def format_playtest(results: list[dict[str, Any]], pack_path: str = "PACK") -> str:
    """Per level: can it be lost, can it be won, by which bot how often, and how long.
    ``pack_path`` is the pack as the designer named it, for the command a verdict suggests."""
    lines: list[str] = []
    for lv in results:
        if lv.get("endless"):
            lines += _endless_lines(lv)
            continue
        verdict = []
        verdict.append("can be lost" if lv["can_lose"] else "NEVER LOST (an idle squad should lose)")
        verdict.append("can be won" if lv["can_win"] else "NEVER WON by a bot")
        lines.append(f"{lv['level']} ({lv['title']}): {', '.join(verdict)}")
        for bot, b in lv["bots"].items():
            lo, hi = b["win_rate_ci95"]
            t = b["win_time_seconds"]
            took = (f", wins take {t['median']:.1f} s (p10 {t['p10']:.1f}, p90 {t['p90']:.1f}; par {lv['par_seconds']:.0f} s)"
                    if t["median"] is not None else "")
            lost = b.get("loss_time_seconds", {})
            if lost.get("median") is not None:
                took += f", losses come at {lost['median']:.1f} s (p10 {lost['p10']:.1f}, p90 {lost['p90']:.1f})"
            outcomes = ", ".join(f"{k} {v}" for k, v in b["outcomes"].items())
            if b["runs"]:
                lines.append(f"  {bot}: won {b['wins']}/{b['runs']} (95% CI {100 * lo:.0f}-{100 * hi:.0f}%; {outcomes}){took}")
            else:  # (crashed runs are left out of every number)
                lines.append(f"  {bot}: every run crashed ({len(b['errors'])})")
            if b["stopped_at"] and bot != "idle":  # an idle squad stopping at the first objective says nothing
                where = "; ".join(f"{x['runs']}x at \"{x['objective']}\"" for x in b["stopped_at"])
                lines.append(f"    runs that did not win stopped: {where}")
            if b["squad_losses"] and bot != "idle":
                lost = ", ".join(f"{x['student']} in {x['runs']}" for x in b["squad_losses"])
                lines.append(f"    students lost (runs): {lost}")
                if b.get("deaths_by_group"):  # which of the designer's groups did it
                    lines.append(f"    students lost, by the group that bit them: {group_words(b['deaths_by_group'])}")
            if b.get("stations_not_yet") and bot not in ("idle", "random"):  # (random presses E anywhere)
                early = ", ".join(f"{st} in {n}" for st, n in b["stations_not_yet"].items())
                lines.append(f"    pressed E at a station before its objective's turn, so nothing happened (runs): {early}")
            lines += [f"    {line}" for line in drop_words(b.get("drops", {}))]
            if b.get("doors_gave_way") and bot != "idle":  # a barricade that gives is the first thing to look at
                gave = ", ".join(f"{door} in {n}" + _braced_note(b, door) for door, n in b["doors_gave_way"].items())
                lines.append(f"    locked doors that gave way (runs): {gave}")
            for err in b["errors"][:1]:
                lines.append(f"  {bot}: a run crashed: {err}")
        if not lv["can_lose"] and "idle" in lv["bots"]:
            lines.append(_never_lost_why(lv["bots"]["idle"]))
        elif "idle" in lv["bots"] and (how := _lost_to_time_how(lv["bots"]["idle"], lv.get("time_limit_seconds"))):
            lines.append(how)
        early = [b.get("loss_time_seconds", {}).get("median") for b in lv["bots"].values()]
        if not lv["can_win"] and all(t is not None and t < EARLY_LOSS_SECONDS for t in early):
            first = _commonest_first_noise(lv["bots"].values())
            woke = f"; the first loud noise was {first}" if first else ""
            lines.append(f"  every run is lost within {max(early):.0f} s, before a player could do much: the horde reaches "
                         "the squad at once; start its groups farther off, fewer, or standing (state = \"idle\") "
                         f"rather than wandering{woke}")
        elif not lv["can_win"] and "greedy" in lv["bots"] and _always_gave(lv["bots"]["greedy"]):
            doors = " and ".join(f"'{d}'" for d in _always_gave(lv["bots"]["greedy"]))
            lines.append(f"  {doors} gave way in every greedy run: the crowd outpushes its lock and braces (the "
                         "report's door_load shows when); give it a higher lock_strength, props to brace it with in "
                         "reach, or fewer zombies coming to it")
        elif not lv["can_win"] and "greedy" in lv["bots"]:
            own = [bot for bot in lv["bots"] if ".py:" in bot]
            how = ("win it yourself (hyosan play), and look at where your bot's runs stopped above"
                   if own else "win it yourself (hyosan play) or with your own bot "
                   f"(hyosan check --playtest {shlex.quote(pack_path)} --bot path/to/file.py:ClassName)")
            # (a designer's level needed its optional lure: the hint named only the other reasons)
            skipped = lv.get("optional_objectives") or []
            works = ("never works a bait station and skips optional objectives (yours: "
                     f"{', '.join(repr(o) for o in skipped)})" if skipped else "never works a bait station")
            lines.append("  greedy barricades only the room it holds in, never shuts an open door, "
                         f"{works}: if yours is won another way, {how}")
        whole = [b.get("whole_win_time_seconds", b["win_time_seconds"])["median"] for b in lv["bots"].values()]
        fastest = min((t for t in whole if t is not None), default=None)
        if fastest is not None and fastest * PAR_HINT_SHARE < lv["par_seconds"]:
            lines.append(f"  the fastest bot's wins with nobody lost take {fastest:.0f} s, under a quarter of the "
                         f"{lv['par_seconds']:.0f} s par: "
                         "three stars may come too easily (bots know the way; the shipped levels' pars are 1.5-2x "
                         "their solvers' times): set par_seconds")
    return "\n".join(lines)
