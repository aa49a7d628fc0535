#!/usr/bin/env python3
"""Checks the main job's intervals against the spread of its figures over seeds (docs/OUTPUTS.md,
"Intervals"): runs `./scoresim run --seed N --json` for seeds 1..8 (or the seeds given) and prints,
for the population and the 2018 flight bans, the claimed interval half-width of each run and
1.96 standard deviations of the figure over the seeds."""
import json, statistics, subprocess, sys, tempfile

seeds = [int(s) for s in sys.argv[1:]] or list(range(1, 9))
figures = {"population 2018": ("population", None), "flight bans 2018": ("sanctioned", "flight_ban")}
values = {k: [] for k in figures}
halves = {k: [] for k in figures}
with tempfile.TemporaryDirectory() as out:
    for seed in seeds:
        run = subprocess.run(["./scoresim", "run", "--seed", str(seed), "--json", "--no-progress",
                              "--out", f"{out}/run-{seed}"], check=True, capture_output=True, text=True)
        s = json.loads(run.stdout)
        for name, (metric, item) in figures.items():
            v, lohi = s["years"]["2018"][metric], s["interval95"]["2018"][metric]
            if item:
                v, lohi = v[item], lohi[item]
            lo, hi = lohi
            values[name].append(v)
            halves[name].append((hi - lo) / 2)
for name in figures:
    mean = statistics.mean(values[name])
    spread = 1.96 * statistics.stdev(values[name])
    half = statistics.mean(halves[name])
    print(f"{name}: mean {mean:,.0f}; claimed half-width {half:,.0f} ({100 * half / mean:.3f}%); "
          f"1.96 sd over {len(seeds)} seeds {spread:,.0f} ({100 * spread / mean:.3f}%); ratio {half / spread:.2f}")
