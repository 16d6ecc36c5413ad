package dev.sluice.flink.js;

import java.io.Serializable;

/**
 * An operator's `open` and `close` "(ctx) => void" (Flink's RichFunction#open and #close): once per operator
 * instance before its first record and after its last, with the ctx its functions share (ctx.local).
 */
public final class Lifecycle implements Serializable {
  private final UserFunction open;
  private final UserFunction close;
  private transient boolean opened;

  public Lifecycle(UserFunction open, UserFunction close) {
    this.open = open;
    this.close = close;
  }

  /** The user's open, once per instance. */
  public void open(TaskInfo task) {
    if (opened) return;
    opened = true;
    if (open == null) return;
    open.open(task);
    open.call();
  }

  /** For functions Flink gives no open: before their first call. */
  public void openOnTaskThread(int maxParallelism) {
    if (!opened) open(TaskInfo.ofTaskThread(maxParallelism));
  }

  public void close(TaskInfo task) {
    if (close == null) return;
    close.open(task);
    close.call();
  }
}
