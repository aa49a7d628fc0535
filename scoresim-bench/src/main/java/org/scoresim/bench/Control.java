package org.scoresim.bench;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import org.scoresim.engine.kernel.Plan;
import org.scoresim.engine.kernel.Simulator;
import org.scoresim.engine.kernel.Tally;
import org.scoresim.model.Scenario;
import org.scoresim.model.ScenarioParser;

/**
 * {@code ./bench --control}: the control of BENCHMARKS.md ({@link NaiveModel}) and scoresim's
 * kernel on the same scenario, each on this one thread, and the ratio of their speeds per core.
 * Both are timed in CPU seconds of the process (so that other work on the machine counts little,
 * and the garbage collector's threads count) and in wall-clock seconds, each after a warm-up.
 *
 * <pre>java -cp scoresim-bench/target/benchmarks.jar org.scoresim.bench.Control [PEOPLE] [SCENARIO]</pre>
 *
 * PEOPLE (default 200,000) is the size of the control's population; scoresim simulates 50 times
 * as many people (the scenario's first households), so that both run for seconds.
 */
public final class Control {
    private Control() {}

    public static void main(String[] args) throws Exception {
        int people = args.length > 0 ? Integer.parseInt(args[0]) : 200_000;
        Path file = Path.of(args.length > 1 ? args[1] : "scenarios/bench-busy.yaml");
        if (!Files.isRegularFile(file)) {
            System.err.println("no scenario file " + file + " (run from the repository root)");
            System.exit(2);
        }
        Scenario scenario = ScenarioParser.parse(file);
        int years = scenario.years().count();
        com.sun.management.OperatingSystemMXBean cpu =
                (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

        new NaiveModel(scenario, 2, Math.max(1, people / 10)).run(); // warm-up
        NaiveModel control = new NaiveModel(scenario, 1, people);
        long wall = System.nanoTime();
        long cpu0 = cpu.getProcessCpuTime();
        control.run();
        double controlCpu = (cpu.getProcessCpuTime() - cpu0) / 1e9;
        double controlWall = (System.nanoTime() - wall) / 1e9;
        double controlRate = control.people() * (double) years / controlCpu;
        System.out.printf(
                "control (one object per person, Mersenne Twister): %,d people x %d years in %.2f s of CPU (%.2f s wall): %,.0f people-years per CPU second%n",
                control.people(), years, controlCpu, controlWall, controlRate);

        Plan plan = Plan.compile(scenario, 1, 1.0);
        Simulator simulator = new Simulator(plan);
        double meanSize = (double) scenario.population().size() / plan.households();
        long households = Math.round(50.0 * people / meanSize);
        for (long h = 0; h < households / 5; h += 25_000) { // warm-up, in chunks as engines run it
            simulator.simulate(
                    plan.households() - 1 - h - 25_000, plan.households() - 1 - h, Tally.empty(plan), () -> false);
        }
        Tally tally = Tally.empty(plan);
        wall = System.nanoTime();
        cpu0 = cpu.getProcessCpuTime();
        for (long h = 0; h < households; h += 25_000) {
            simulator.simulate(h, Math.min(households, h + 25_000), tally, () -> false);
        }
        double kernelCpu = (cpu.getProcessCpuTime() - cpu0) / 1e9;
        double kernelWall = (System.nanoTime() - wall) / 1e9;
        double kernelRate = tally.people() * (double) years / kernelCpu;
        System.out.printf(
                "scoresim kernel: %,d people x %d years in %.2f s of CPU (%.2f s wall): %,.0f people-years per CPU second%n",
                tally.people(), years, kernelCpu, kernelWall, kernelRate);
        System.out.printf("scoresim / control, per core: %.0f x (%s)%n", kernelRate / controlRate, scenario.name());
    }
}
