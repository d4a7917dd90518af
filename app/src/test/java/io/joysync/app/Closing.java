package io.joysync.app;

/** Closes what a test class started, in the given order, each even when an earlier one failed. */
final class Closing {

  private Closing() {}

  /**
   * Closes every non-null resource in order; the first failure is thrown once all were tried, the
   * later ones attached to it.
   */
  static void inOrder(AutoCloseable... resources) throws Exception {
    Exception first = null;
    for (AutoCloseable r : resources) {
      if (r == null) {
        continue;
      }
      try {
        r.close();
      } catch (Exception e) {
        if (first == null) {
          first = e;
        } else {
          first.addSuppressed(e);
        }
      }
    }
    if (first != null) {
      throw first;
    }
  }
}
