package dev.sluice.flink.run;

import java.nio.file.Path;

/** One job to run: `sluice run --engine flink`'s options, or one entry of a batch. */
public record RunRequest(
    Path job, Path outputDir, int taskManagers, int slotsPerTaskManager, Long killTaskManagerAfterMs) {}
