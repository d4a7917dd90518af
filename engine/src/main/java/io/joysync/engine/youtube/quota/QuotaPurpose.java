package io.joysync.engine.youtube.quota;

/**
 * Why a Data API call is made. Sign-ups draw on a reserve so that a day of heavy syncing never
 * locks creators out of signing up; everything else is sync. A sync call that a person waits for
 * (reading the owner's channel during {@code POST /channels}, an operator adding a channel) draws
 * on the sync budget too, but is refused at once when that is spent instead of waiting for the next
 * day.
 */
public enum QuotaPurpose {
  SIGNUP,
  SYNC,
  SYNC_ON_REQUEST;

  /** The budget, and the ledger's counter, the call draws on: {@link #SIGNUP} or {@link #SYNC}. */
  public QuotaPurpose budget() {
    return this == SIGNUP ? SIGNUP : SYNC;
  }

  /** Whether a call the day's budget cannot admit waits for the next Pacific-time day. */
  public boolean waitsForNextDay() {
    return this == SYNC;
  }
}
